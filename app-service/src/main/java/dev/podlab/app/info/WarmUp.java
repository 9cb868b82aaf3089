package dev.podlab.app.info;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.podlab.app.health.HealthState;
import dev.podlab.app.logging.AccessLog;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Uses the warm-up window (podlab.startup.warmup, while the startup probe holds readiness back) to
 * send this process's own /api/info requests through the whole HTTP path, so the first requests a new
 * pod gets from the Service find that path loaded and JIT-compiled. The access log leaves them out.
 */
@Singleton
class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    @ConfigProperty(name = "podlab.startup.warmup")
    Duration window;

    @Inject
    HealthState health;

    void start(@Observes HttpServerStart server) {
        // No window (tests, the bench's start-up figure), or a port picked at random (one-shot mode): nothing to warm.
        int port = server.options().getPort();
        if (window.isPositive() && port > 0) {
            String host = server.options().getHost();
            String address = host.equals("0.0.0.0") ? "127.0.0.1" : host;
            URI info = URI.create("http://" + address + ":" + port + "/api/info");
            Thread.ofPlatform().name("warm-up").daemon().start(() -> run(info));
        }
    }

    private void run(URI url) {
        // Until four fifths of the window from the process start: done before readiness goes UP.
        Duration left = Duration.between(Instant.now(), health.startedAt().plus(window.multipliedBy(4).dividedBy(5)));
        long deadline = System.nanoTime() + left.toNanos();
        HttpRequest info = HttpRequest.newBuilder(url).header("User-Agent", AccessLog.WARM_UP_AGENT).build();
        int answered = 0;
        long started = System.nanoTime();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            while (System.nanoTime() < deadline) {
                answered += client.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? 1 : 0;
            }
        } catch (IOException e) {
            LOG.warnf("warm-up stopped: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("warm-up: %d requests to /api/info answered in %d ms, before readiness", answered,
                (System.nanoTime() - started) / 1_000_000);
    }
}

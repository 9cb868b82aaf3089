package dev.podlab.app.info;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.podlab.app.health.HealthSettings;
import dev.podlab.app.health.HealthState;
import dev.podlab.app.logging.AccessLog;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Uses the warm-up window (podlab.startup.warmup, while the startup probe holds readiness back) to
 * send this process's own /api/info requests through the whole HTTP path, so the first requests a new
 * pod gets from the Service find that path loaded and JIT-compiled. Each request comes on a new
 * connection, as through a Service (kube-proxy keeps none open), in HTTP/1.0 and 1.1 alike. The
 * access log and the request counter leave them out.
 */
@Singleton
class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    /** Past the JIT's compile thresholds; more would only take CPU from the pods beside this one. */
    private static final int ENOUGH = 10_000;

    @Inject
    HealthSettings.Startup settings;

    @Inject
    HealthState health;

    /** Quarkus fires this event asynchronously: a plain @Observes would never be called. */
    void start(@ObservesAsync HttpServerStart server) {
        // No window (tests, the bench's start-up figure), or a port picked at random (one-shot mode): nothing to warm.
        int port = server.options().getPort();
        if (settings.warmup().isPositive() && port > 0) {
            String host = server.options().getHost();
            InetSocketAddress address = new InetSocketAddress(host.equals("0.0.0.0") ? "127.0.0.1" : host, port);
            Thread.ofPlatform().name("warm-up").daemon().start(() -> run(address));
        }
    }

    private void run(InetSocketAddress address) {
        // Until four fifths of the window from the process start: done before readiness goes UP.
        Duration window = settings.warmup();
        Duration left = Duration.between(Instant.now(), health.startedAt().plus(window.multipliedBy(4).dividedBy(5)));
        long deadline = System.nanoTime() + left.toNanos();
        byte[][] requests = {request("HTTP/1.0", ""), request("HTTP/1.1", "Connection: close\r\n")};
        int sent = 0, answered = 0;
        long started = System.nanoTime();
        try {
            while (sent < ENOUGH && System.nanoTime() < deadline) {
                answered += get(address, requests[sent++ % 2]) ? 1 : 0;
            }
        } catch (IOException e) {
            LOG.warnf("warm-up stopped: %s", e);
        }
        LOG.infof("warm-up: %d of %d requests to /api/info answered in %d ms, before readiness", answered, sent,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static byte[] request(String version, String extraHeaders) {
        return ("GET /api/info " + version + "\r\nHost: localhost\r\nUser-Agent: " + AccessLog.WARM_UP_AGENT
                + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One request on a new connection, read to the server's close; whether it answered 200. */
    private static boolean get(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            return new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII).endsWith(" 200");
        }
    }
}

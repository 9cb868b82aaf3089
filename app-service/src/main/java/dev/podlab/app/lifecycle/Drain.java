package dev.podlab.app.lifecycle;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown. On SIGTERM Quarkus first waits quarkus.shutdown.delay (the drain period)
 * while still serving, and fires ShutdownDelayInitiatedEvent; from then on readiness says DOWN,
 * so the Pod leaves the Service's endpoints before the server stops. When the drain ends, the
 * listening socket closes: new connections are refused, and the requests in flight finish within
 * quarkus.shutdown.timeout. (Quarkus alone keeps accepting until that timeout, so under steady
 * traffic requests are always in flight when it gives up, and they get empty replies.)
 */
@Singleton
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    @ConfigProperty(name = "quarkus.shutdown.delay")
    Optional<Duration> delay;

    @Inject
    Vertx vertx;

    private volatile boolean draining;

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        Duration drain = delay.orElse(Duration.ZERO);
        // Without a drain (one-shot mode, tests) Quarkus stops at once, and nothing need be said:
        // a one-shot run ends because its task is done, not because anyone sent SIGTERM.
        if (drain.isPositive()) {
            LOG.infof("shutdown requested (SIGTERM): readiness DOWN, still serving for %d ms before stopping",
                    drain.toMillis());
            CompletableFuture.delayedExecutor(drain.toMillis(), TimeUnit.MILLISECONDS).execute(this::stopAccepting);
        }
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Closes only the listening sockets. Vert.x 4 has no public call for that: HttpServer.close()
     * also closes every open connection, in-flight requests with them (Vert.x 5's shutdown() does
     * what this does).
     */
    private void stopAccepting() {
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
                @SuppressWarnings("unchecked")
                Future<Channel> listening = (Future<Channel>) bound.get(server);
                listening.result().close();
            }
            LOG.info("drain over: new connections are refused, requests in flight finish");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("drain over, but cannot stop accepting connections early (%s): Quarkus stops the server later", e);
        }
    }
}

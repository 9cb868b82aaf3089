package dev.podlab.app.lifecycle;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown. On SIGTERM Quarkus first waits quarkus.shutdown.delay (the drain period)
 * while still serving, and fires ShutdownDelayInitiatedEvent; from then on readiness says DOWN,
 * so the Pod leaves the Service's endpoints before the server stops.
 */
@Singleton
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    @ConfigProperty(name = "quarkus.shutdown.delay")
    Optional<Duration> delay;

    private volatile boolean draining;

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        LOG.infof("shutdown requested (SIGTERM): readiness DOWN, still serving for %d ms before stopping",
                delay.orElse(Duration.ZERO).toMillis());
    }

    public boolean draining() {
        return draining;
    }
}

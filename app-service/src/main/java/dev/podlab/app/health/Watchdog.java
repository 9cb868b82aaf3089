package dev.podlab.app.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Notices when the worker pool (the threads that serve blocking requests) stops doing work:
 * a heartbeat task is queued on that pool every interval; if none has run for longer than
 * the threshold, the pool is stalled and liveness goes DOWN so Kubernetes restarts the container.
 */
@Startup
@Singleton
public class Watchdog {

    @Inject
    ExecutorService workers; // Quarkus' main worker pool, the one blocking endpoints run on

    @Inject
    HealthSettings.Watch settings;

    private final AtomicBoolean heartbeatQueued = new AtomicBoolean();
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private ScheduledExecutorService ticker;

    @PostConstruct
    void start() {
        // Its own thread: a ticker on the worker pool would stall together with what it watches.
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("watchdog").daemon().factory());
        ticker.scheduleWithFixedDelay(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    private void tick() {
        // At most one heartbeat waits in the queue, so a long stall does not pile them up.
        if (heartbeatQueued.compareAndSet(false, true)) {
            workers.execute(() -> {
                lastHeartbeatNanos = System.nanoTime();
                heartbeatQueued.set(false);
            });
        }
    }

    /** How long since a heartbeat last ran on the worker pool. */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos);
    }

    boolean stalled(Duration silence) {
        return silence.compareTo(settings.threshold()) > 0;
    }
}

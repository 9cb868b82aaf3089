package dev.podlab.app.chaos;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A real hang: every worker thread is parked, so blocking requests queue and never finish,
 * and the watchdog's heartbeat cannot run. It ends on release (POST /admin/reset), after an
 * optional time limit, or when Kubernetes restarts the container.
 */
@Singleton
public class Hang {

    private static final Logger LOG = Logger.getLogger(Hang.class);

    @Inject
    ExecutorService workers;

    // The pool's size is pinned in application.properties so the hang can occupy all of it.
    @ConfigProperty(name = "quarkus.thread-pool.max-threads")
    int poolSize;

    private volatile CountDownLatch released = new CountDownLatch(0);

    synchronized void start(Duration limit) {
        if (active()) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        released = latch;
        LOG.warnf("chaos: hanging all %d worker threads %s", poolSize,
                limit.isZero() ? "until reset or restart" : "for " + limit.toSeconds() + " s");
        for (int i = 0; i < poolSize; i++) {
            workers.execute(() -> park(latch, limit));
        }
    }

    private static void park(CountDownLatch latch, Duration limit) {
        try {
            if (limit.isZero()) {
                latch.await();
            } else if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                latch.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean active() {
        return released.getCount() > 0;
    }

    void release() {
        released.countDown();
    }
}

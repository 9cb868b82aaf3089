package dev.podlab.app.chaos;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The runtime switches the chaos API flips; all off at start and after reset. */
@Singleton
public class ChaosSwitches {

    private static final Logger LOG = Logger.getLogger(ChaosSwitches.class);

    private volatile boolean readinessFailed;
    private volatile boolean livenessFailed;
    private volatile int latencyMs;
    private volatile int errorPercent;

    @Inject
    Hang hang;

    public boolean readinessFailed() {
        return readinessFailed;
    }

    public boolean livenessFailed() {
        return livenessFailed;
    }

    int latencyMs() {
        return latencyMs;
    }

    int errorPercent() {
        return errorPercent;
    }

    void readinessFailed(boolean failed) {
        readinessFailed = failed;
        LOG.infof("chaos: readiness %s", failed ? "failed" : "recovered");
    }

    void livenessFailed(boolean failed) {
        livenessFailed = failed;
        LOG.infof("chaos: liveness %s", failed ? "failed" : "recovered");
    }

    void latencyMs(int ms) {
        latencyMs = ms;
        LOG.infof("chaos: latency set to %d ms", ms);
    }

    void errorPercent(int percent) {
        errorPercent = percent;
        LOG.infof("chaos: error rate set to %d%%", percent);
    }

    void reset() {
        readinessFailed = false;
        livenessFailed = false;
        latencyMs = 0;
        errorPercent = 0;
        hang.release();
        LOG.info("chaos: reset, all switches off");
    }

    ChaosState state() {
        return new ChaosState(readinessFailed, livenessFailed, latencyMs, errorPercent, hang.active());
    }
}

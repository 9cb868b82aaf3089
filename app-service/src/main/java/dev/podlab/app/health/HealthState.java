package dev.podlab.app.health;

import java.time.Duration;
import java.time.Instant;

import dev.podlab.app.chaos.ChaosSwitch;
import dev.podlab.app.chaos.ChaosSwitches;
import dev.podlab.app.lifecycle.Drain;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The single place that decides what the startup, readiness and liveness probes answer,
 * so the probes and /api/info can never disagree.
 */
@Startup // created at boot, so startedAt is the process start and not the first request
@Singleton
public class HealthState {

    private final Instant startedAt = Instant.now();

    @Inject
    HealthSettings.Startup settings;

    @Inject
    ChaosSwitches switches;

    @Inject
    Drain drain;

    @Inject
    Watchdog watchdog;

    public Instant startedAt() {
        return startedAt;
    }

    public Verdict startup() {
        Duration warmup = settings.warmup();
        Duration left = warmup.minus(Duration.between(startedAt, Instant.now()));
        return left.isPositive()
                ? Verdict.down("warming up, " + left.toMillis() + " ms left of " + warmup.toMillis() + " ms")
                : Verdict.up("warm-up of " + warmup.toMillis() + " ms done");
    }

    public Verdict readiness() {
        if (drain.draining()) {
            return Verdict.down("draining after SIGTERM: still serving, but take me out of the Service");
        }
        Verdict started = startup();
        if (!started.up()) {
            return started;
        }
        if (switches.on(ChaosSwitch.READINESS)) {
            return Verdict.down("switched off by POST /admin/readiness/fail");
        }
        return Verdict.up("accepting traffic");
    }

    public Verdict liveness() {
        if (switches.on(ChaosSwitch.LIVENESS)) {
            return Verdict.down("switched broken by POST /admin/liveness/fail");
        }
        Duration silent = watchdog.silence();
        if (watchdog.stalled(silent)) {
            return Verdict.down("worker pool stalled: no heartbeat for " + silent.toMillis() + " ms");
        }
        return Verdict.up("worker pool responsive");
    }
}

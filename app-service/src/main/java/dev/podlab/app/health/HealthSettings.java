package dev.podlab.app.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * The probes' settings, read once (defaults and test values in application.properties). Two
 * mappings, as their keys have two prefixes: a mapping of all of podlab.* would have to map every
 * other podlab.* key too.
 */
public interface HealthSettings {

    @ConfigMapping(prefix = "podlab.startup")
    interface Startup {
        /** Startup (and readiness) stay DOWN this long after start; {@code info.WarmUp} uses the window. */
        Duration warmup();
    }

    @ConfigMapping(prefix = "podlab.watchdog")
    interface Watch {
        /** How often a heartbeat is queued on the worker pool. */
        Duration interval();

        /** Liveness goes DOWN when no heartbeat ran for longer than this. */
        Duration threshold();
    }
}

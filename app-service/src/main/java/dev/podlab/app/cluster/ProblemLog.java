package dev.podlab.app.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * One log line per distinct problem, repeated at most once per quiet period: watches retry for
 * ever, and a retry loop must not bury a pod's log (kubectl logs) under the same failure.
 */
final class ProblemLog {

    private static final int REMEMBERED = 100;
    private final Logger log;
    private final Duration quiet;
    private final Clock clock;
    private final Map<String, Instant> lastLogged = new HashMap<>();

    ProblemLog(Logger log, Duration quiet, Clock clock) {
        this.log = log;
        this.quiet = quiet;
        this.clock = clock;
    }

    /** Logs the problem (one line, no stack trace) unless it was logged within the quiet period; true if logged. */
    synchronized boolean warn(String problem) {
        Instant now = clock.instant();
        Instant last = lastLogged.get(problem);
        if (last != null && last.plus(quiet).isAfter(now)) {
            return false;
        }
        if (lastLogged.size() >= REMEMBERED) {
            lastLogged.clear(); // bounded: a problem that names changing objects must not grow this for ever
        }
        lastLogged.put(problem, now);
        log.warn(problem);
        return true;
    }
}

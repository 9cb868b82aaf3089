package dev.podlab.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class ProblemLogTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void eachDistinctProblemOncePerQuietPeriod() {
        HandClock clock = new HandClock();
        ProblemLog log = new ProblemLog(Logger.getLogger(ProblemLogTest.class), Duration.ofMinutes(5), clock);

        assertThat(log.warn("watch failed: 403")).isTrue();
        assertThat(log.warn("watch failed: 403")).isFalse();
        assertThat(log.warn("watch failed: connection refused")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(log.warn("watch failed: 403")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(log.warn("watch failed: 403")).isTrue();
    }
}

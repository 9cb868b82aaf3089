package dev.podlab.app.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** Runs the real main entry point in one-shot mode (config as PODLAB_ONESHOT_* would set it). */
@QuarkusMainTest
@TestProfile(OneShotTest.ExitThree.class)
class OneShotTest {

    public static class ExitThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("podlab.oneshot.exit-code", "3", "podlab.oneshot.seconds", "1");
        }
    }

    @Test
    @Launch(exitCode = 3)
    void runsTheTaskAndExitsWithTheConfiguredCode(LaunchResult result) {
        assertTrue(result.getOutput().contains("one-shot: step 1 of 1 done"), result.getOutput());
        assertTrue(result.getOutput().contains("task done, so the process exits now with code 3"), result.getOutput());
        assertTrue(result.getOutput().contains("the Pod's phase becomes Failed"), result.getOutput());
        // Nobody sent a SIGTERM: the log must not say so.
        assertFalse(result.getOutput().contains("SIGTERM"), result.getOutput());
    }
}

package dev.podlab.app.chaos;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

/** Records the exit code instead of killing the test JVM. */
@Mock
@Singleton
public class RecordingProcessExit extends ProcessExit {

    private volatile Integer lastExitCode;

    @Override
    public void halt(int exitCode) {
        lastExitCode = exitCode;
    }

    public Integer lastExitCode() {
        return lastExitCode;
    }

    public void clear() {
        lastExitCode = null;
    }
}

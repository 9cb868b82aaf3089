package dev.podlab.app.chaos;

import jakarta.inject.Singleton;

/** Ends the process at once, like a crash: no shutdown hooks, no drain. Replaced in tests. */
@Singleton
public class ProcessExit {

    public void halt(int exitCode) {
        Runtime.getRuntime().halt(exitCode);
    }
}

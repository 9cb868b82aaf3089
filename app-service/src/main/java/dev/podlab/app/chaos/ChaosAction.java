package dev.podlab.app.chaos;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every state-changing chaos call, by its path under /admin/. */
public enum ChaosAction {
    READINESS_FAIL("readiness/fail"),
    READINESS_RECOVER("readiness/recover"),
    LIVENESS_FAIL("liveness/fail"),
    LIVENESS_RECOVER("liveness/recover"),
    HANG("hang"),
    CRASH("crash"),
    LATENCY("latency"),
    ERRORS("errors"),
    RESET("reset");

    private final String path;

    ChaosAction(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<ChaosAction> of(String path) {
        return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
    }

    /** The 400 answer's reason for a path that is no action. */
    public static String unknown(String path) {
        return "unknown chaos action '" + path + "'; known: "
                + Arrays.stream(values()).map(ChaosAction::path).collect(Collectors.joining(", "));
    }
}

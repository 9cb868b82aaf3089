package dev.podlab.app.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Every state-changing chaos call, by its path under /admin/: the switches' calls, then the actions of their own. */
public final class ChaosAction {

    static final String HANG = "hang";
    static final String CRASH = "crash";
    static final String RESET = "reset";

    /** In the order the 400 answer and the OpenAPI document list them. */
    public static final List<String> PATHS = Stream.concat(
            Arrays.stream(ChaosSwitch.values()).flatMap(s -> s.actions().stream()),
            Stream.of(HANG, CRASH, RESET)).toList();

    private ChaosAction() {
    }

    public static boolean known(String path) {
        return PATHS.contains(path);
    }

    /** The 400 answer's reason for a path that is no action. */
    public static String unknown(String path) {
        return "unknown chaos action '" + path + "'; known: " + String.join(", ", PATHS);
    }
}

package dev.podlab.app.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every chaos switch, defined once. From this list come the API's endpoints for it, its field in
 * the state every chaos call answers, the OpenAPI document ({@link ChaosActionsInOpenApi}) and the
 * dashboard's controls (GET /api/chaos). A new switch is a constant here, the code where it takes
 * effect (reading {@link ChaosSwitches#value} or {@link ChaosSwitches#on}), and a test.
 * <ul>
 * <li>a flag is on or off: POST /admin/{path}/fail turns it on, POST /admin/{path}/recover off;
 * <li>a level is a number: POST /admin/{path} with {"field": 0..max}, 0 turning it off.
 * </ul>
 */
public enum ChaosSwitch {
    READINESS("readinessFailed", "readiness"),
    LIVENESS("livenessFailed", "liveness"),
    LATENCY("latencyMs", "latency", "ms", 60_000, "ms", 500,
            "Add this many ms of latency to / and /api/info (0 turns it off)"),
    ERRORS("errorPercent", "errors", "percent", 100, "%", 50,
            "Fail this percentage of requests to / and /api/info with HTTP 500 (0 turns it off)");

    static final String FAIL = "fail";
    static final String RECOVER = "recover";

    private final String key;
    private final String path;
    private final String field;
    private final int max;
    private final String unit;
    private final int suggested;
    private final String summary;

    /** A flag. */
    ChaosSwitch(String key, String path) {
        this(key, path, null, 1, null, 1, null);
    }

    /** A level: {@code field} of the JSON body, from 0 to {@code max} {@code unit}; the page suggests {@code suggested}. */
    ChaosSwitch(String key, String path, String field, int max, String unit, int suggested, String summary) {
        this.key = key;
        this.path = path;
        this.field = field;
        this.max = max;
        this.unit = unit;
        this.suggested = suggested;
        this.summary = summary;
    }

    /** Its field in the state. */
    public String key() {
        return key;
    }

    /** Where it is set, under /admin/. */
    public String path() {
        return path;
    }

    public boolean flag() {
        return field == null;
    }

    /** The JSON body's field that sets a level; null for a flag. */
    public String field() {
        return field;
    }

    public int max() {
        return max;
    }

    /** What a level counts in, for people (ms, %); null for a flag. */
    public String unit() {
        return unit;
    }

    /** The value the dashboard offers first. */
    public int suggested() {
        return suggested;
    }

    /** The OpenAPI summary of a level's endpoint; null for a flag (documented with the other flags). */
    String summary() {
        return summary;
    }

    /** Its calls' paths under /admin/. */
    List<String> actions() {
        return flag() ? List.of(path + "/" + FAIL, path + "/" + RECOVER) : List.of(path);
    }

    static List<ChaosSwitch> flags() {
        return Arrays.stream(values()).filter(ChaosSwitch::flag).toList();
    }

    static List<ChaosSwitch> levels() {
        return Arrays.stream(values()).filter(s -> !s.flag()).toList();
    }

    static Optional<ChaosSwitch> flag(String path) {
        return flags().stream().filter(s -> s.path.equals(path)).findFirst();
    }

    static Optional<ChaosSwitch> level(String path) {
        return levels().stream().filter(s -> s.path.equals(path)).findFirst();
    }
}

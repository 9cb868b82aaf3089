package dev.podlab.sidecar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings read from the environment; see README.md for the meaning of each variable. */
public record Config(Path logDir, String logFile, int port, Duration poll) {

    public static Config fromEnv(Map<String, String> env) {
        String logFile = env.getOrDefault("LOG_FILE", "app.log");
        if (logFile.isBlank() || logFile.contains("/")) {
            throw new IllegalArgumentException("LOG_FILE must be a plain file name, got '" + logFile + "'");
        }
        return new Config(
                Path.of(env.getOrDefault("LOG_DIR", "/var/log/app")),
                logFile,
                positiveInt(env, "PORT", 8081),
                Duration.ofMillis(positiveInt(env, "POLL", 100)));
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
    }
}

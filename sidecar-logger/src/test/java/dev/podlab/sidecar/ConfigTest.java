package dev.podlab.sidecar;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void defaults() {
        assertThat(Config.fromEnv(Map.of()))
                .isEqualTo(new Config(Path.of("/var/log/app"), "app.log", 8081, Duration.ofMillis(100)));
    }

    @Test
    void overrides() {
        Config config = Config.fromEnv(Map.of("LOG_DIR", "/logs", "LOG_FILE", "svc.log", "PORT", "9000", "POLL", "250"));
        assertThat(config).isEqualTo(new Config(Path.of("/logs"), "svc.log", 9000, Duration.ofMillis(250)));
    }

    @Test
    void rejectsInvalidValuesNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("POLL", "fast"))).hasMessageContaining("POLL");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "0"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("LOG_FILE", "a/b.log"))).hasMessageContaining("LOG_FILE");
    }
}

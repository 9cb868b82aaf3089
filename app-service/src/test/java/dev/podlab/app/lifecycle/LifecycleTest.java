package dev.podlab.app.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Pod's life in order: warming up, serving, draining. Its own app start, as draining is one-way. */
@QuarkusTest
@TestProfile(LifecycleTest.WithWarmUp.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static class WithWarmUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Long enough that a busy 2-core CI machine still reaches the first check inside it.
            return Map.of("podlab.startup.warmup", "15s");
        }
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @ConfigProperty(name = "quarkus.log.file.path")
    Path logFile;

    @Test
    @Order(1)
    void warmUpKeepsStartupAndReadinessDownThenUp() {
        given().get("/q/health/started").then().statusCode(503)
                .body("checks.find { it.name == 'warm-up' }.data.reason", containsString("warming up"));
        given().get("/ready").then().statusCode(503)
                .body("checks.find { it.name == 'readiness' }.data.reason", containsString("warming up"));
        given().get("/health").then().statusCode(200);
        given().get("/api/info").then().statusCode(200).body("ready", is(false));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/started").then().statusCode(200));
        given().get("/ready").then().statusCode(200);
        // The process sent itself /api/info requests during the window; they count for nothing.
        assertThat(warmUpLine()).matches("warm-up: (\\d+) of \\1 requests to /api/info answered in \\d+ ms, before readiness")
                .doesNotStartWith("warm-up: 0 ");
        given().get("/api/info").then().statusCode(200).body("requestsServed", is(2));
    }

    @Test
    @Order(2)
    void drainTakesReadinessDownButKeepsServing() {
        given().get("/ready").then().statusCode(200);

        // What Quarkus fires on SIGTERM when quarkus.shutdown.delay-enabled=true.
        shutdownDelay.fire(new ShutdownDelayInitiatedEvent());

        given().get("/ready").then().statusCode(503)
                .body("checks.find { it.name == 'readiness' }.data.reason", containsString("draining"));
        given().get("/health").then().statusCode(200);
        given().get("/api/info").then().statusCode(200).body("ready", is(false)).body("live", is(true));
    }

    /** The message of this process's warm-up summary in the log file (earlier test runs wrote there too). */
    private String warmUpLine() {
        long pid = ProcessHandle.current().pid();
        return await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (Stream<String> lines = Files.lines(logFile)) {
                return lines.map(LifecycleTest::json)
                        .filter(l -> l.path("processId").asLong() == pid && l.path("message").asText().startsWith("warm-up: "))
                        .map(l -> l.path("message").asText()).reduce((first, last) -> last);
            }
        }, Optional::isPresent).orElseThrow();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON log line: " + line, e);
        }
    }
}

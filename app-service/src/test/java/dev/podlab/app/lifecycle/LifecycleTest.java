package dev.podlab.app.lifecycle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Pod's life in order: warming up, serving, draining. Its own app start, as draining is one-way. */
@QuarkusTest
@TestProfile(LifecycleTest.WithWarmUp.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleTest {

    public static class WithWarmUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Long enough that a busy 2-core CI machine still reaches the first check inside it.
            return Map.of("podlab.startup.warmup", "15s");
        }
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

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
}

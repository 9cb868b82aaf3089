package dev.podlab.app.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Probes with nothing switched and the test profile's 0 s warm-up: all UP, each with a reason, where the
 * workshop text and Quarkus put them (LifecycleTest watches a real warm-up).
 */
@QuarkusTest
class ProbesTest {

    @Test
    void startedIsUpAtOnceWithNoWarmUpAndSaysSo() {
        given().get("/q/health/started").then().statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.reason", equalTo("warm-up of 0 ms done"));
    }

    @Test
    void readyIsUpWithAReason() {
        given().get("/ready").then().statusCode(200)
                .body("checks.find { it.name == 'readiness' }.data.reason", equalTo("accepting traffic"));
    }

    @Test
    void liveIsUpWithAReason() {
        given().get("/health").then().statusCode(200)
                .body("checks.name", hasItem("liveness"))
                .body("checks.find { it.name == 'liveness' }.data.reason", equalTo("worker pool responsive"));
    }

    @Test
    void quarkusPathsStillAnswerTheSameChecks() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'liveness' }.data.reason", equalTo("worker pool responsive"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'readiness' }.data.reason", equalTo("accepting traffic"));
    }
}

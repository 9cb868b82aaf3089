package dev.podlab.app.info;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InfoResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/info"})
    void describesThePodWithLocalFallbacks(String path) {
        given().accept("application/json").when().get(path).then()
                .statusCode(200)
                .contentType("application/json")
                .body("pod", not(emptyOrNullString()))
                .body("namespace", equalTo("local"))
                .body("node", equalTo("local"))
                .body("podIp", not(emptyOrNullString()))
                .body("version", equalTo(System.getProperty("project.version")))
                .body("startedAt", not(emptyOrNullString()))
                .body("live", is(true))
                .body("ready", is(true))
                .body("requestsServed", greaterThanOrEqualTo(1));
    }

    @Test
    void uptimeCountsTheSecondsSinceStartedAt() throws InterruptedException {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        JsonPath first = info();
        Instant startedAt = Instant.parse(first.getString("startedAt"));
        assertThat(startedAt).isBetween(jvmStart, Instant.now());

        Thread.sleep(1_100); // so the uptime must have grown by a second at the least
        Instant before = Instant.now();
        long uptime = info().getLong("uptimeSeconds");
        Instant after = Instant.now();

        assertThat(uptime).isBetween(Duration.between(startedAt, before).toSeconds(), Duration.between(startedAt, after).toSeconds())
                .isGreaterThan(first.getLong("uptimeSeconds"));
    }

    private static JsonPath info() {
        return given().get("/api/info").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsRequestsServed() {
        long first = given().get("/api/info").then().extract().jsonPath().getLong("requestsServed");
        long second = given().get("/").then().extract().jsonPath().getLong("requestsServed");
        assertEquals(first + 1, second);
    }

    @Test
    void unknownPathIsAJsonError() {
        given().when().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", not(emptyOrNullString()));
    }
}

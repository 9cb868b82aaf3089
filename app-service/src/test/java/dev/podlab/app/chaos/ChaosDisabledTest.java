package dev.podlab.app.chaos;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ChaosDisabledTest.Disabled.class)
class ChaosDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("podlab.chaos.enabled", "false");
        }
    }

    @Inject
    RecordingProcessExit processExit;

    @Test
    void everyChaosEndpointIsForbiddenAndChangesNothing() {
        given().get("/admin/state").then().statusCode(403).contentType(ContentType.JSON)
                .body("error", containsString("PODLAB_CHAOS_ENABLED"));
        given().contentType(ContentType.JSON).post("/admin/liveness/fail").then().statusCode(403);
        given().contentType(ContentType.JSON).post("/admin/readiness/fail").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"ms\":500}").post("/admin/latency").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"exitCode\":1}").post("/admin/crash").then().statusCode(403);

        given().get("/health").then().statusCode(200);
        given().get("/ready").then().statusCode(200);
        given().get("/api/info").then().statusCode(200).time(lessThan(400L));
        assertThat(processExit.lastExitCode()).isNull();
    }

    @Test
    void theDashboardIsToldChaosIsOff() {
        given().get("/api/cluster").then().statusCode(200).body("chaos.enabled", is(false));
        given().get("/api/chaos").then().statusCode(200).body("enabled", is(false));
        given().contentType(ContentType.JSON).post("/api/pods/whoever/admin/reset").then().statusCode(403)
                .body("error", containsString("disabled"));
    }

    @Test
    void theNormalApiStillWorks() {
        given().get("/api/info").then().statusCode(200).body("live", is(true)).body("ready", is(true));
        given().accept(ContentType.JSON).get("/").then().statusCode(200).body("live", is(true));
    }
}

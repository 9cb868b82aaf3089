package dev.podlab.app.chaos;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
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

    @Test
    void everyChaosEndpointIsForbidden() {
        given().get("/admin/state").then().statusCode(403).contentType(ContentType.JSON)
                .body("error", containsString("PODLAB_CHAOS_ENABLED"));
        given().post("/admin/liveness/fail").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"exitCode\":1}").post("/admin/crash").then().statusCode(403);
    }

    @Test
    void theNormalApiStillWorks() {
        given().get("/api/info").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

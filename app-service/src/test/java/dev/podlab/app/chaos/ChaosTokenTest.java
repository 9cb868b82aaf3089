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
@TestProfile(ChaosTokenTest.WithToken.class)
class ChaosTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("podlab.chaos.token", "s3cret");
        }
    }

    @Test
    void missingTokenIsRejected() {
        given().get("/admin/state").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", containsString("X-Chaos-Token"));
    }

    @Test
    void wrongTokenIsRejected() {
        given().header("X-Chaos-Token", "guess").post("/admin/readiness/fail").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void rightTokenIsAccepted() {
        given().header("X-Chaos-Token", "s3cret").get("/admin/state").then().statusCode(200);
    }
}

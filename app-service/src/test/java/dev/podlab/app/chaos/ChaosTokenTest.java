package dev.podlab.app.chaos;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import dev.podlab.app.pod.PodIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ChaosTokenTest.WithToken.class)
class ChaosTokenTest {

    private static final String TOKEN = "s3cret";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("podlab.chaos.token", TOKEN);
        }
    }

    @Inject
    PodIdentity identity;

    @AfterEach
    void reset() {
        given().header(ChaosSettings.TOKEN_HEADER, TOKEN).post("/admin/reset").then().statusCode(200);
    }

    @Test
    void missingTokenIsRejectedAndChangesNothing() {
        given().get("/admin/state").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", containsString("X-Chaos-Token"));
        given().contentType(ContentType.JSON).post("/admin/liveness/fail").then().statusCode(401);
        given().get("/health").then().statusCode(200);
    }

    @Test
    void wrongTokenIsRejectedAndChangesNothing() {
        given().header(ChaosSettings.TOKEN_HEADER, "guess").post("/admin/readiness/fail").then().statusCode(401);
        given().get("/ready").then().statusCode(200);
        given().header(ChaosSettings.TOKEN_HEADER, TOKEN).get("/admin/state").then().statusCode(200)
                .body("readinessFailed", is(false));
    }

    @Test
    void rightTokenIsAcceptedAndTheSwitchFlips() {
        // The token header alone is enough for a bodiless POST: a cross-site form cannot send it.
        given().header(ChaosSettings.TOKEN_HEADER, TOKEN).post("/admin/readiness/fail").then().statusCode(200)
                .body("readinessFailed", is(true));
        given().get("/ready").then().statusCode(503);
        given().header(ChaosSettings.TOKEN_HEADER, TOKEN).get("/admin/state").then().statusCode(200)
                .body("readinessFailed", is(true));
    }

    @Test
    void theDashboardProxyChecksTheTokenAndPassesItOn() {
        String proxy = "/api/pods/" + identity.pod() + "/admin/";
        given().contentType(ContentType.JSON).post(proxy + "liveness/fail").then().statusCode(401);
        given().get("/health").then().statusCode(200);

        given().header(ChaosSettings.TOKEN_HEADER, TOKEN).post(proxy + "liveness/fail").then().statusCode(200)
                .body("livenessFailed", is(true));
        given().get("/health").then().statusCode(503);
    }

    @Test
    void theDashboardSaysATokenIsRequired() {
        given().get("/api/cluster").then().statusCode(200).body("chaos.tokenRequired", is(true));
        given().get("/api/chaos").then().statusCode(200).body("tokenRequired", is(true));
    }
}

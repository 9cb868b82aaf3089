package dev.podlab.app.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.podlab.app.pod.PodIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's JSON side outside a cluster: a plain "not in Kubernetes", and the chaos proxy's answers. */
@QuarkusTest
class ClusterResourceTest {

    @Inject
    PodIdentity identity;

    @AfterEach
    void reset() {
        given().contentType("application/json").post("/admin/reset").then().statusCode(200);
    }

    @Test
    void clusterViewSaysItIsNotInKubernetes() {
        given().get("/api/cluster").then().statusCode(200).contentType("application/json")
                .body("available", is(false))
                .body("reason", equalTo("not running in Kubernetes"))
                .body("servedBy", equalTo(identity.pod()))
                .body("chaos.enabled", is(true))
                .body("chaos.tokenRequired", is(false))
                .body("pods", nullValue());
    }

    @Test
    void browsersAtRootAreSentToTheDashboardApiClientsGetJson() {
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/").then().statusCode(303).header("Location", endsWith("/dashboard/"));
        given().accept("application/json").get("/").then().statusCode(200).body("pod", equalTo(identity.pod()));
        given().accept("*/*").get("/").then().statusCode(200).body("pod", equalTo(identity.pod()));
        given().redirects().follow(false).get("/dashboard").then().statusCode(303).header("Location", endsWith("/dashboard/"));
        given().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dashboard.js"));
    }

    @Test
    void dashboardTrafficClosesEachConnectionAndNamesThePod() {
        given().get("/api/info?via=dashboard").then().statusCode(200)
                .header("Connection", "close").header("X-Podlab-Pod", identity.pod());
    }

    @Test
    void proxyReachesThisPodByName() {
        given().contentType("application/json").post("/api/pods/" + identity.pod() + "/admin/readiness/fail").then().statusCode(200)
                .body("readinessFailed", is(true));
        given().get("/api/pods/" + identity.pod() + "/admin/state").then().statusCode(200)
                .body("readinessFailed", is(true));
        given().get("/ready").then().statusCode(503);
    }

    @Test
    void proxyAnswersUnknownPodsWithJson404() {
        given().contentType("application/json").post("/api/pods/app-service-nope/admin/readiness/fail").then().statusCode(404)
                .contentType("application/json").body("error", containsString("no pod 'app-service-nope'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "readiness/maybe", "..%2F..%2Fq%2Fhealth"})
    void proxyRejectsUnknownActionsLikeTheChaosApi(String action) {
        given().urlEncodingEnabled(false).contentType("application/json").post("/api/pods/" + identity.pod() + "/admin/" + action).then()
                .statusCode(400).contentType("application/json").body("error", containsString("unknown chaos action"));
    }

    @Test
    void proxyPassesBadInputThroughWithTheSameAnswer() {
        given().contentType("application/json").body("{\"ms\": -1}")
                .post("/api/pods/" + identity.pod() + "/admin/latency").then().statusCode(400)
                .body("error", equalTo("ms must be between 0 and 60000, was -1"));
        given().body("{\"ms\": 5}").contentType("text/plain")
                .post("/api/pods/" + identity.pod() + "/admin/latency").then().statusCode(415);
    }

    @Test
    void proxyRefusesWhatACrossSiteFormCouldSend() {
        given().contentType("application/x-www-form-urlencoded").formParam("a", "b")
                .post("/api/pods/" + identity.pod() + "/admin/hang").then().statusCode(415)
                .contentType("application/json").body("error", containsString("Content-Type: application/json"));
        given().post("/api/pods/" + identity.pod() + "/admin/readiness/fail").then().statusCode(415);
        given().get("/admin/state").then().statusCode(200).body("readinessFailed", is(false)).body("hanging", is(false));
    }

    @Test
    void proxyRejectsADuplicateKeyWithA400() {
        given().contentType("application/json").body("{\"ms\":1,\"ms\":2}")
                .post("/api/pods/" + identity.pod() + "/admin/latency").then().statusCode(400)
                .contentType("application/json").body("error", containsString("Duplicate field 'ms'"));
        given().get("/admin/state").then().statusCode(200).body("latencyMs", equalTo(0));
    }

    @Test
    void proxyRejectsANonPodName() {
        given().contentType("application/json").post("/api/pods/Not_A_Pod/admin/reset").then().statusCode(404)
                .body("error", containsString("not a pod name"));
    }
}

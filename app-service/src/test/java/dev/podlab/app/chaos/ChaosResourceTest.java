package dev.podlab.app.chaos;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@QuarkusTest
class ChaosResourceTest {

    @Inject
    RecordingProcessExit processExit;

    @TestHTTPResource("/api/info")
    URL infoUrl;

    @AfterEach
    void reset() {
        json().post("/admin/reset").then().statusCode(200);
        processExit.clear();
    }

    /** A chaos POST says it speaks JSON, even without a body: what a cross-site form cannot do. */
    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @Test
    void stateStartsAllOff() {
        given().get("/admin/state").then().statusCode(200).contentType(ContentType.JSON)
                .body("readinessFailed", is(false))
                .body("livenessFailed", is(false))
                .body("latencyMs", equalTo(0))
                .body("errorPercent", equalTo(0))
                .body("hanging", is(false));
    }

    @Test
    void readinessFailsAndRecovers() {
        json().post("/admin/readiness/fail").then().statusCode(200).body("readinessFailed", is(true));
        given().get("/ready").then().statusCode(503)
                .body("checks.find { it.name == 'readiness' }.data.reason", containsString("/admin/readiness/fail"));
        // Not ready is not dead: the Pod still answers when asked directly.
        given().get("/api/info").then().statusCode(200).body("ready", is(false)).body("live", is(true));

        json().post("/admin/readiness/recover").then().statusCode(200).body("readinessFailed", is(false));
        given().get("/ready").then().statusCode(200);
    }

    @Test
    void livenessFailsAndRecovers() {
        json().post("/admin/liveness/fail").then().statusCode(200).body("livenessFailed", is(true));
        given().get("/health").then().statusCode(503)
                .body("checks.find { it.name == 'liveness' }.data.reason", containsString("/admin/liveness/fail"));
        given().get("/api/info").then().statusCode(200).body("live", is(false));

        json().post("/admin/liveness/recover").then().statusCode(200).body("livenessFailed", is(false));
        given().get("/health").then().statusCode(200);
    }

    @Test
    void latencySlowsTheApiButNotProbesOrAdmin() {
        given().contentType(ContentType.JSON).body("{\"ms\":400}").post("/admin/latency")
                .then().statusCode(200).body("latencyMs", equalTo(400));

        long start = System.nanoTime();
        given().get("/api/info").then().statusCode(200);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400, "latency was not added");

        given().get("/health").then().time(lessThan(300L));
        given().get("/admin/state").then().time(lessThan(300L));
    }

    @Test
    void errorRateFailsTheApiWithJsonButNotProbesOrAdmin() {
        given().contentType(ContentType.JSON).body("{\"percent\":100}").post("/admin/errors")
                .then().statusCode(200).body("errorPercent", equalTo(100));

        given().get("/api/info").then().statusCode(500).contentType(ContentType.JSON)
                .body("error", containsString("injected failure"));
        given().get("/").then().statusCode(500);
        given().get("/ready").then().statusCode(200);
        given().get("/admin/state").then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"percent\":0}").post("/admin/errors").then().statusCode(200);
        given().get("/api/info").then().statusCode(200);
    }

    @Test
    void resetTurnsEverythingOff() {
        json().post("/admin/readiness/fail").then().statusCode(200);
        json().post("/admin/liveness/fail").then().statusCode(200);
        json().body("{\"ms\":10}").post("/admin/latency").then().statusCode(200);
        json().body("{\"percent\":10}").post("/admin/errors").then().statusCode(200);

        json().post("/admin/reset").then().statusCode(200)
                .body("readinessFailed", is(false)).body("livenessFailed", is(false))
                .body("latencyMs", equalTo(0)).body("errorPercent", equalTo(0)).body("hanging", is(false));
    }

    /** What any switch, a new one too, gets from its definition alone: its calls, its field in the state, its control. */
    @ParameterizedTest
    @EnumSource(ChaosSwitch.class)
    void everySwitchIsSetThroughTheApiAndOfferedToTheDashboard(ChaosSwitch which) {
        given().get("/admin/state").then().statusCode(200).body(which.key(), equalTo(which.flag() ? false : 0));
        given().get("/api/chaos").then().statusCode(200).body("enabled", is(true))
                .body("switches.find { it.key == '" + which.key() + "' }.path", equalTo(which.path()))
                .body("switches.find { it.key == '" + which.key() + "' }.flag", is(which.flag()));
        if (which.flag()) {
            json().post("/admin/" + which.path() + "/fail").then().statusCode(200).body(which.key(), is(true));
            json().post("/admin/" + which.path() + "/recover").then().statusCode(200).body(which.key(), is(false));
        } else {
            json().body(Map.of(which.field(), which.max())).post("/admin/" + which.path()).then().statusCode(200)
                    .body(which.key(), equalTo(which.max()));
            json().body(Map.of(which.field(), which.max() + 1)).post("/admin/" + which.path()).then().statusCode(400)
                    .body("error", equalTo(which.field() + " must be between 0 and " + which.max() + ", was " + (which.max() + 1)));
            json().post("/admin/" + which.path()).then().statusCode(400)
                    .body("error", equalTo("JSON body with integer field '" + which.field() + "' is required"));
        }
    }

    @Test
    void crashExitsWithTheRequestedCode() {
        given().contentType(ContentType.JSON).body("{\"exitCode\":3}").post("/admin/crash")
                .then().statusCode(202).body("exitCode", equalTo(3));
        await().atMost(Duration.ofSeconds(3)).until(() -> processExit.lastExitCode() != null);
        assertEquals(3, processExit.lastExitCode());
    }

    @Test
    void hangStallsTheWorkerPoolUntilReset() throws Exception {
        json().post("/admin/hang").then().statusCode(202).body("hanging", is(true));

        // Liveness answers from the event loop, so it can report the stall instead of timing out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/health").then()
                .statusCode(503)
                .body("checks.find { it.name == 'liveness' }.data.reason", containsString("worker pool stalled")));
        // Blocking requests queue behind the parked workers: a real hang.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest info = HttpRequest.newBuilder(URI.create(infoUrl.toString())).timeout(Duration.ofMillis(500)).build();
        assertThrows(HttpTimeoutException.class, () -> client.send(info, HttpResponse.BodyHandlers.discarding()));

        json().post("/admin/reset").then().statusCode(200).body("hanging", is(false));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/health").then().statusCode(200));
        given().get("/api/info").then().statusCode(200).body("live", is(true));
    }

    @Test
    void hangWithATimeLimitEndsByItself() {
        given().contentType(ContentType.JSON).body("{\"seconds\":1}").post("/admin/hang")
                .then().statusCode(202).body("hanging", is(true));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/admin/state").then().body("hanging", is(false)));
        given().get("/api/info").then().statusCode(200);
    }

    @Test
    void bodyNotSentAsJsonIsA415WithAHint() {
        given().contentType(ContentType.URLENC).body("{\"ms\":250}").post("/admin/latency").then()
                .statusCode(415).contentType(ContentType.JSON).body("error", containsString("Content-Type: application/json"));
    }

    @Test
    void anIntegerWrittenWithAFractionOfZeroIsStillAnInteger() {
        json().body("{\"ms\":20.0}").post("/admin/latency").then().statusCode(200).body("latencyMs", equalTo(20));
        json().body("{\"percent\":1e1}").post("/admin/errors").then().statusCode(200).body("errorPercent", equalTo(10));
    }

    @Test
    void hangNeedsNoBodyAtAll() {
        json().post("/admin/hang").then().statusCode(202).body("hanging", is(true));
    }

    @ParameterizedTest(name = "POST {0} {1} -> 400")
    @CsvSource(delimiter = '|', value = {
            "/admin/nope|",
            "/admin/readiness/nope|",
            "/admin/nope/fail|",
            "/admin/latency|{\"ms\":-1}",
            "/admin/latency|{\"ms\":60001}",
            "/admin/latency|{\"ms\":\"slow\"}",
            "/admin/latency|{\"ms\":true}",
            "/admin/latency|{\"ms\":2.5}",
            "/admin/latency|{\"ms\":\"5\"}",
            "/admin/latency|{}",
            "/admin/latency|{\"ms\":",
            "/admin/latency|not json",
            "/admin/latency|[250]",
            "/admin/latency|",
            "/admin/errors|{\"percent\":101}",
            "/admin/errors|{\"percent\":-5}",
            "/admin/errors|{\"percent\":\"half\"}",
            "/admin/errors|",
            "/admin/crash|{\"exitCode\":256}",
            "/admin/crash|{\"exitCode\":-1}",
            "/admin/crash|{}",
            "/admin/crash|",
            "/admin/hang|{\"seconds\":-1}",
            "/admin/hang|{\"seconds\":\"long\"}",
            "/admin/hang|null",
            "/admin/hang|'\u001f'",
            "/admin/hang|{\"seconds\":1.5}",
    })
    void badInputIsAJson400(String path, String body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        request.post(path).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", not(emptyOrNullString()));
        given().get("/admin/state").then().body("latencyMs", equalTo(0)).body("hanging", is(false));
        assertEquals(null, processExit.lastExitCode());
    }
}

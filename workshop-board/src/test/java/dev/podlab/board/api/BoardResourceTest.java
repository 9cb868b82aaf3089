package dev.podlab.board.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.podlab.board.watch.FixedClassWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/board over a fixed class of 30 ({@link FixedClassWatcher}); nothing but GET and HEAD is answered. */
@QuarkusTest
@TestProfile(FixedClassWatcher.Profile.class)
class BoardResourceTest {

    @Test
    void theClassWithResultsPodsAndWhoIsStuck() {
        given().when().get("/api/board").then().statusCode(200).contentType(ContentType.JSON)
                .body("labs", equalTo(9))
                .body("stuckAfterSeconds", equalTo(900))
                .body("attendees", hasSize(30))
                .body("attendees[0].name", equalTo("workshop-attendee-01"))
                .body("attendees[0].namespace", equalTo("ws-workshop-attendee-01"))
                .body("attendees.findAll { it.stuck }.name", equalTo(java.util.List.of(FixedClassWatcher.STUCK)))
                .body("attendees[6].current", equalTo(3))
                .body("attendees[6].labs.'3'.passed", equalTo(2))
                .body("attendees[6].labs.'3'.total", equalTo(10))
                .body("attendees[6].labs.'3'.since", containsString("T"))
                .body("attendees[6].labs.'4'", nullValue())
                .body("attendees[0].labs.'9'.passed", equalTo(0))
                .body("attendees[0].pods", hasSize(7))
                .body("attendees[0].pods.find { it.name == 'broken-5f6d7c8b9a-zz9zz' }.reason", equalTo("CrashLoopBackOff"))
                .body("attendees[0].pods.find { it.name == 'broken-5f6d7c8b9a-zz9zz' }.restarts", equalTo(999))
                .body("attendees[0].pods.find { it.name == 'web-7d9c8b6f5-x2kqp' }.ready", equalTo(true))
                .body("attendees[0].pods.find { it.name == 'web-7d9c8b6f5-x2kqp' }.phase", equalTo("Running"));
    }

    @ParameterizedTest
    @CsvSource({"POST, /api/board", "PUT, /api/board", "DELETE, /api/board", "PATCH, /api/board", "POST, /", "DELETE, /board.js",
            "POST, /ready", "OPTIONS, /api/board"})
    void readOnly(String method, String path) {
        given().body("{}").contentType(ContentType.JSON).when().request(method, path).then().statusCode(405)
                .contentType(ContentType.JSON).header("Allow", "GET, HEAD")
                .body("error", equalTo("the board is read only: " + method + " is not allowed, only GET and HEAD"));
    }

    @ParameterizedTest
    @CsvSource({"/api/nothing", "/nothing.html"})
    void unknownPathsSayWhereTheBoardIs(String path) {
        given().when().get(path).then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("no such page: " + path + " (the board is at /, its data at /api/board)"));
    }

    @Test
    void probesAndPage() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/").then().statusCode(200).contentType(ContentType.HTML).body(containsString("<table id=\"grid\">"));
    }
}

package dev.podlab.app.error;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No input gets a 5xx: every client mistake is a 4xx with {"error": reason}, logged without stack frames. */
@QuarkusTest
class ErrorsTest {

    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "quarkus.log.file.path")
    Path logFile;

    @AfterEach
    void reset() {
        given().contentType(ContentType.JSON).post("/admin/reset").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} with a key given twice -> 400")
    @CsvSource(delimiter = '|', value = {
            "/admin/latency|{\"ms\":1,\"ms\":2}",
            "/admin/errors|{\"percent\":1,\"percent\":2}",
            "/admin/hang|{\"seconds\":1,\"seconds\":2}",
            "/admin/crash|{\"exitCode\":1,\"exitCode\":2}",
    })
    void aDuplicateKeyIsA400WithAReason(String path, String body) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                .contentType(ContentType.JSON).body("error", containsString("Duplicate field"));
        given().get("/admin/state").then().body("latencyMs", equalTo(0)).body("errorPercent", equalTo(0))
                .body("hanging", is(false));
    }

    @ParameterizedTest(name = "Accept: {0} -> 400 on every route")
    @ValueSource(strings = {"a/", ";;", "\"", "text/html;q=0.5,/"})
    void anUnparsableAcceptIsA400WithAReasonAndNoStackTrace(String accept) throws IOException {
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;
        for (String path : new String[] {"/api/info", "/", "/admin/state", "/api/cluster", "/health", "/dashboard/"}) {
            given().header("Accept", accept).get(path).then().statusCode(400).contentType(ContentType.JSON)
                    .body("error", containsString("cannot parse the Accept header"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> writtenSince(before).contains("cannot parse the Accept header"));
        assertThat(writtenSince(before)).doesNotContain("\"level\":\"ERROR\"").doesNotContain("stackTrace")
                .doesNotContain("\"exception\"");
    }

    @ParameterizedTest(name = "{0} with a {1} body -> 415")
    @CsvSource(delimiter = '|', value = {
            "/admin/latency|text/plain",
            "/admin/errors|application/x-www-form-urlencoded",
            "/admin/hang|text/plain",
            "/admin/crash|text/xml",
            "/admin/readiness/fail|text/plain",
    })
    void aBodyThatIsNotJsonIsA415(String path, String contentType) {
        given().contentType(contentType).body("{\"ms\":5,\"percent\":5,\"seconds\":1,\"exitCode\":1}").post(path)
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", containsString("Content-Type: application/json"));
        given().get("/admin/state").then().body("latencyMs", equalTo(0)).body("readinessFailed", is(false))
                .body("hanging", is(false));
    }

    @Test
    void aBodyWithoutAnyContentTypeIsA415() throws IOException {
        String response = raw("POST /admin/latency HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\nConnection: close\r\n\r\n{\"ms\":5}");
        assertThat(response).startsWith("HTTP/1.1 415").contains("application/json").contains("{\"error\":");
        given().get("/admin/state").then().body("latencyMs", equalTo(0));
    }

    @Test
    void aBodilessPostWithoutJsonOrTokenIsRefused() {
        // What a cross-site form (or a fetch without headers) would send.
        given().post("/admin/readiness/fail").then().statusCode(415)
                .body("error", containsString("X-Chaos-Token"));
        given().get("/ready").then().statusCode(200);
    }

    @Test
    void http11WithoutHostIsOurJson400() throws IOException {
        String response = raw("GET /api/info HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/json")
                .contains("{\"error\":").contains("Host");
    }

    @Test
    void aWrongMethodIsA405WithJsonAndAllow() {
        given().put("/admin/reset").then().statusCode(405).contentType(ContentType.JSON)
                .header("Allow", "OPTIONS, POST").body("error", containsString("405"));
        given().delete("/api/info").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().put("/api/pods/some-pod/admin/hang").then().statusCode(405).header("Allow", "OPTIONS, POST");
        given().contentType(ContentType.JSON).post("/admin/state").then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS");
        given().contentType(ContentType.JSON).post("/api/pods/some-pod/admin/state").then().statusCode(405);
    }

    @Test
    void optionsListsWhatThePathAnswers() {
        given().options("/admin/latency").then().statusCode(204).header("Allow", "OPTIONS, POST");
        given().options("/admin/readiness/fail").then().statusCode(204).header("Allow", "OPTIONS, POST");
        given().options("/api/info").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String writtenSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            byte[] tail = new byte[(int) (file.length() - offset)];
            file.seek(offset);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}

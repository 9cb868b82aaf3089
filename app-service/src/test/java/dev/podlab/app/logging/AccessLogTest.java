package dev.podlab.app.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The log file is what the sidecar reads: one JSON line per API request must land there. */
@QuarkusTest
class AccessLogTest {

    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "quarkus.log.file.path")
    Path logFile;

    @Test
    void eachApiRequestWritesAJsonLineToTheLogFile() throws IOException {
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;

        given().get("/api/info").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> writtenSince(before).lines()
                .anyMatch(line -> line.startsWith("{") && line.contains("\"loggerName\":\"dev.podlab.app.access\"")
                        && line.contains("method=GET path=/api/info status=200 pod=")));
    }

    @Test
    void aRequestWithoutHostHeaderIsServedAndLoggedWithItsQuery() throws IOException {
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;

        // HTTP/1.0 lets a client omit Host; kubectl exec'd shells with /dev/tcp often do.
        String response;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream().write("GET /api/info?find-me HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.0 200");
        await().atMost(Duration.ofSeconds(5)).until(() -> writtenSince(before).contains("path=/api/info?find-me status=200"));
    }

    @Test
    void aTokenInTheQueryNeverReachesTheLog() throws IOException {
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;

        given().get("/api/info?X-Chaos-Token=hush-1234&find=token-test").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> writtenSince(before).contains("find=token-test"));
        assertThat(writtenSince(before)).contains("X-Chaos-Token=[redacted]&find=token-test").doesNotContain("hush-1234");
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

package dev.podlab.sidecar.health;

import dev.podlab.sidecar.tail.LineSink;
import dev.podlab.sidecar.tail.OffsetStore;
import dev.podlab.sidecar.tail.Tailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServerTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private Tailer tailer;
    private HealthServer server;

    private void start(LineSink sink, Duration staleAfter) throws Exception {
        tailer = new Tailer(dir, "app.log", Duration.ofMillis(10), sink, new OffsetStore(dir.resolve(".sidecar-offset")));
        server = HealthServer.start(0, dir, tailer, staleAfter);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.stop();
        tailer.stop();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls the condition until it holds; fails naming it when the bound passes first. */
    private static void waitUpTo(Duration bound, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toMillis() + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static LineSink discard() {
        return new LineSink() {
            @Override
            public void line(byte[] bytes, int offset, int length) {
            }

            @Override
            public void flush() {
            }
        };
    }

    @Test
    void liveWhileTheTailerLoopsAndDownOnceItStopped() throws Exception {
        start(discard(), Duration.ofSeconds(5));
        assertThat(call("GET", "/health/live").statusCode()).as("not started yet").isEqualTo(503);

        tailer.start();
        HttpResponse<String> up = call("GET", "/health/live");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(up.body()).startsWith("{\"status\":\"UP\",\"checks\":[{\"name\":\"tailer\",\"status\":\"UP\"");

        tailer.stop();
        HttpResponse<String> down = call("GET", "/health/live");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("{\"status\":\"DOWN\"");
    }

    @Test
    void notLiveWhenTheTailerIsStuckOnABlockedSink() throws Exception {
        LineSink blocked = new LineSink() {
            @Override
            public void line(byte[] bytes, int offset, int length) throws java.io.IOException {
                try {
                    release.await(); // like a full stdout pipe nobody reads
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }

            @Override
            public void flush() {
            }
        };
        start(blocked, Duration.ofMillis(300));
        tailer.start();
        assertThat(call("GET", "/health/live").statusCode()).isEqualTo(200);

        Files.writeString(dir.resolve("app.log"), "stuck\n");
        // Stale after 300 ms with the tailer stuck in the sink: DOWN soon after, never UP again.
        waitUpTo(Duration.ofSeconds(5), "liveness DOWN while the tailer is stuck on its sink",
                () -> call("GET", "/health/live").statusCode() == 503);
    }

    @Test
    void readyWhileTheLogDirExists() throws Exception {
        start(discard(), Duration.ofSeconds(5));
        HttpResponse<String> up = call("GET", "/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"log-dir\",\"status\":\"UP\","
                + "\"data\":{\"path\":\"" + dir + "\"}}]}");

        Files.delete(dir);
        assertThat(call("GET", "/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void statsReportTheTailersCounters() throws Exception {
        Files.writeString(dir.resolve("app.log"), "one\ntwo\n");
        start(discard(), Duration.ofSeconds(5));
        tailer.start();
        waitUpTo(Duration.ofSeconds(5), "both lines shipped", () -> tailer.stats().linesShipped() == 2);

        HttpResponse<String> stats = call("GET", "/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).isEqualTo("{\"linesShipped\":2,\"bytesShipped\":6,\"filesFollowed\":1,"
                + "\"currentFile\":\"app.log\",\"lastOffset\":8,\"rotations\":0,\"truncations\":0}");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        start(discard(), Duration.ofSeconds(5));

        HttpResponse<String> missing = call("GET", "/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"no such path: /nope\"}");

        HttpResponse<String> post = call("POST", "/stats");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(post.body()).isEqualTo("{\"error\":\"method not allowed: POST\"}");
    }
}

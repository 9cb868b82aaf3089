package dev.podlab.app.chaos;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected latency is a timer on the event loop: many delayed requests wait side by side. */
@QuarkusTest
class FaultInjectionTest {

    private static final int LATENCY_MS = 1_000;
    // Three times the worker pool (32): were the delay a sleep on a worker, they would take three rounds (3 s).
    private static final int REQUESTS = 96;

    @TestHTTPResource("/api/info")
    URL infoUrl;

    @AfterEach
    void reset() {
        given().contentType(ContentType.JSON).post("/admin/reset").then().statusCode(200);
    }

    @Test
    void injectedLatencyDelaysEveryRequestWithoutHoldingAThread() {
        given().contentType(ContentType.JSON).body("{\"ms\":" + LATENCY_MS + "}").post("/admin/latency")
                .then().statusCode(200);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest info = HttpRequest.newBuilder(URI.create(infoUrl.toString())).build();
        client.sendAsync(info, HttpResponse.BodyHandlers.discarding()).join(); // the client's own start-up

        long start = System.nanoTime();
        List<CompletableFuture<Long>> answers = IntStream.range(0, REQUESTS).mapToObj(i -> client
                .sendAsync(info, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200 ? System.nanoTime() - start : -1)).toList();
        List<Long> elapsed = answers.stream().map(CompletableFuture::join).map(n -> n < 0 ? n : n / 1_000_000).toList();

        assertThat(elapsed).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(LATENCY_MS));
        assertThat(elapsed.stream().mapToLong(Long::longValue).max().orElseThrow())
                .as("all delayed together, not in rounds of the worker pool: %s ms", elapsed.stream().sorted().toList())
                .isLessThan(5L * LATENCY_MS / 2);
    }
}

package dev.podlab.app.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The app in a bare {@code kubectl run} pod: a service-account mount (namespace, token) but no
 * Downward API env and no Role. A fake API server answers 403 as Kubernetes does for the default
 * ServiceAccount: the app checks once, starts no watch, and says why.
 */
@QuarkusTest
@TestProfile(ForbiddenClusterTest.BarePod.class)
class ForbiddenClusterTest {

    static final String FORBIDDEN = "pods is forbidden: User \"system:serviceaccount:lab6:default\" cannot list "
            + "resource \"pods\" in API group \"\" in the namespace \"lab6\"";

    @Test
    void clusterViewSaysOnceItIsNotPermittedAndStartsNoWatch() throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).until(() -> !FakeApiServer.REQUESTS.isEmpty());
        given().get("/api/cluster").then().statusCode(200)
                .body("available", is(false))
                .body("reason", equalTo("not permitted: " + FORBIDDEN));
        Thread.sleep(2000); // an informer would list and watch again and again by now

        assertThat(FakeApiServer.REQUESTS).containsExactly("GET /api/v1/namespaces/lab6/pods?limit=1");
    }

    @Test
    void infoTellsTheTruthWithoutTheDownwardApi() {
        given().get("/api/info").then().statusCode(200)
                .body("namespace", equalTo("lab6"))
                .body("node", equalTo("unknown"));
    }

    public static class BarePod implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeApiServer.class));
        }
    }

    /** Answers every request with the 403 Status the API server sends a ServiceAccount without a Role. */
    public static class FakeApiServer implements QuarkusTestResourceLifecycleManager {
        static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                Path serviceAccount = Files.createTempDirectory("serviceaccount");
                Files.writeString(serviceAccount.resolve("namespace"), "lab6");
                Files.writeString(serviceAccount.resolve("token"), "not-a-real-token");
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/", exchange -> {
                    REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                            + "\"message\":\"" + FORBIDDEN.replace("\"", "\\\"") + "\",\"reason\":\"Forbidden\","
                            + "\"details\":{\"kind\":\"pods\"},\"code\":403}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(403, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                return Map.of("podlab.identity.service-account-dir", serviceAccount.toString(),
                        "quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:" + server.getAddress().getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }
}

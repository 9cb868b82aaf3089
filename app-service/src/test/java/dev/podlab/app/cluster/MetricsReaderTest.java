package dev.podlab.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.podlab.app.cluster.ClusterView.Amounts;
import dev.podlab.app.cluster.ClusterView.MetricsView;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics API's answers, from a fake API server, into what the page says: usage, or why there is none. */
class MetricsReaderTest {

    static final String PODS = "/apis/metrics.k8s.io/v1beta1/namespaces/podlab/pods";
    static final String NODES = "/apis/metrics.k8s.io/v1beta1/nodes";
    private HttpServer server;
    private KubernetesClient client;
    private final MetricsReader reader = new MetricsReader(new ProblemLog(Logger.getLogger(MetricsReaderTest.class),
            Duration.ofMinutes(5), Clock.systemUTC()));

    /** A fake API server: each path answers with the status and body given, anything else 404. */
    private void apiServer(Map<String, Map.Entry<Integer, String>> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var answer = answers.getOrDefault(exchange.getRequestURI().getPath(), Map.entry(404,
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"));
            byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:"
                + server.getAddress().getPort()).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void withoutMetricsServerTheApiIsNotThereAndTheViewSaysSo() throws IOException {
        apiServer(Map.of());

        reader.read(client, "podlab");

        assertThat(reader.latest().status()).isEqualTo(new MetricsView(false, MetricsReader.NO_API, false, MetricsReader.NO_API));
        assertThat(reader.latest().pods()).isEmpty();
    }

    @Test
    void podMetricsWithTheRoleNodeMetricsNotPermittedWithoutTheClusterRole() throws IOException {
        apiServer(Map.of(PODS, Map.entry(200, """
                {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
                  {"metadata":{"name":"app-service-abc-1","namespace":"podlab"},"timestamp":"2026-11-27T10:00:00Z","window":"15s",
                   "containers":[{"name":"app-service","usage":{"cpu":"4187345n","memory":"150000Ki"}},
                                 {"name":"sidecar-logger","usage":{"cpu":"1m","memory":"50Mi"}}]}]}"""),
                NODES, Map.entry(403, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                 "message":"nodes.metrics.k8s.io is forbidden: User \\"system:serviceaccount:podlab:app-service\\" cannot list resource \\"nodes\\""}""")));

        reader.read(client, "podlab");

        assertThat(reader.latest().status()).isEqualTo(new MetricsView(true, null, false,
                "the ServiceAccount may not read node metrics (no ClusterRole for metrics.k8s.io nodes)"));
        assertThat(reader.latest().pods()).containsExactly(Map.entry("app-service-abc-1", new Amounts(5L, 150_000L * 1024 + 50L * 1024 * 1024)));
    }

    @Test
    void anyOtherFailureIsSaidWithTheApiServersWords() throws IOException {
        apiServer(Map.of(PODS, Map.entry(503, "service unavailable"), NODES, Map.entry(503, "service unavailable")));

        reader.read(client, "podlab");

        assertThat(reader.latest().status().pods()).isFalse();
        assertThat(reader.latest().status().podsReason()).startsWith("cannot read the metrics API: ");
    }
}

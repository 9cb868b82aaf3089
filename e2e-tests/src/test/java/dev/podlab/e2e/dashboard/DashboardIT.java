package dev.podlab.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.DashboardPage;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live dashboard in a real headless Chromium on the kind cluster, reached through a NodePort
 * as the instructor's browser reaches it: it lists every replica, follows a deleted pod and its
 * replacement as fast as the cluster does, shows a pod without readiness leaving the endpoints
 * and the traffic, and the CPU and memory of pods and nodes from metrics-server. Screenshots in
 * target/screenshots/e2e-*.png.
 */
@dev.podlab.e2e.support.MultiNode("its node view shows the replicas spread over several nodes")
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;
    static DashboardPage page;
    static String nodeReader;

    /** The page must show a cluster change within this long after the cluster itself shows it. */
    static final long MAX_LAG_MS = 2_000;
    /** Answers in a row from the other pods that show kube-proxy no longer sends the page's traffic to a pod. */
    static final int ANSWERS_ELSEWHERE = 15;

    @BeforeAll
    static void deploy() {
        grantNodeRead();
        app = new App(ns).deploy(3);
        page = new DashboardPage(app.exposeNodePort());
        page.enterToken(App.CHAOS_TOKEN);
    }

    /**
     * Node status needs k8s/base/node-reader.yaml's ClusterRole and binding, cluster-wide objects
     * that cannot be created once per test namespace: apply them under a name of this namespace,
     * bound to its ServiceAccount.
     */
    static void grantNodeRead() {
        nodeReader = "podlab-e2e-node-reader-" + ns.name();
        try (InputStream in = new FileInputStream(App.MANIFEST.getParent().resolveSibling("node-reader.yaml").toFile())) {
            for (HasMetadata r : ns.client().load(in).items()) {
                r.getMetadata().setName(nodeReader);
                if (r instanceof ClusterRoleBinding b) {
                    b.getRoleRef().setName(nodeReader);
                    b.getSubjects().forEach(s -> s.setNamespace(ns.name()));
                }
                ns.client().resource(r).create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (page != null) {
            page.close();
        }
        ns.client().rbac().clusterRoleBindings().withName(nodeReader).delete();
        ns.client().rbac().clusterRoles().withName(nodeReader).delete();
    }

    @Test
    @Order(1)
    void clusterViewListsEveryReplicaWithItsIpOnItsNode() {
        Map<String, String> ipByPod = app.pods().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getStatus().getPodIP()));
        Map<String, String> nodeByPod = app.pods().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName()));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Map<String, String>> rows = rows("#pods tbody tr");
            assertThat(rows).hasSize(3);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get("ip")).isEqualTo(ipByPod.get(r.get("pod")));
                assertThat(r.get("node")).isEqualTo(nodeByPod.get(r.get("pod")));
                assertThat(r.get("ready")).isEqualTo("true");
            });
            assertThat(rows("#endpoints .chip")).hasSize(3).allSatisfy(e -> assertThat(e.get("ready")).isEqualTo("true"));
            assertThat(rows("#nodes .chip")).hasSize(ns.client().nodes().list().getItems().size())
                    .allSatisfy(n -> assertThat(n.get("status")).isEqualTo("Ready"));
        });
        assertThat(Set.copyOf(ipByPod.values())).hasSize(3);
        // Each request of the page gets a connection of its own, so the Service spreads them over the pods.
        await().atMost(Duration.ofSeconds(30)).until(() -> answering(10_000).size() >= 2);
        page.screenshot("e2e-01-cluster-view");
    }

    @Test
    @Order(2)
    void deletedPodLeavesThePageAndItsReplacementShowsReadyAsSoonAsTheClusterSaysSo() {
        Set<String> before = app.pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        String victim = app.readyPods().get(0).getMetadata().getName();
        Map<String, Long> cluster = new LinkedHashMap<>();
        Map<String, Long> shown = new LinkedHashMap<>();
        String replacement = null;

        long t0 = System.currentTimeMillis();
        ns.client().pods().inNamespace(ns.name()).withName(victim).delete();
        long deadline = t0 + Duration.ofMinutes(3).toMillis();
        while ((cluster.size() < 3 || shown.size() < 3) && System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis() - t0;
            // what the cluster says
            List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabel("app.kubernetes.io/name", App.NAME)
                    .list().getItems();
            Pod gone = pods.stream().filter(p -> p.getMetadata().getName().equals(victim)).findFirst().orElse(null);
            if (gone != null && gone.getMetadata().getDeletionTimestamp() != null) {
                cluster.putIfAbsent("terminating", now);
            }
            if (gone == null) {
                cluster.putIfAbsent("terminating", now);
                cluster.putIfAbsent("gone", now);
            }
            for (Pod p : pods) {
                if (!before.contains(p.getMetadata().getName()) && Readiness.isPodReady(p)) {
                    replacement = p.getMetadata().getName();
                    cluster.putIfAbsent("replacementReady", now);
                }
            }
            // what the page shows
            List<Map<String, String>> rows = rows("#pods tbody tr");
            Map<String, String> victimRow = rows.stream().filter(r -> r.get("pod").equals(victim)).findFirst().orElse(null);
            if (victimRow != null && "Terminating".equals(victimRow.get("status"))) {
                if (shown.putIfAbsent("terminating", now) == null) {
                    page.screenshot("e2e-02-pod-terminating");
                }
            }
            if (victimRow == null && shown.containsKey("terminating")) {
                shown.putIfAbsent("gone", now);
            }
            if (rows.stream().anyMatch(r -> !before.contains(r.get("pod")) && "true".equals(r.get("ready")))) {
                if (!shown.containsKey("replacementReady")) {
                    shown.put("replacementReady", now);
                    page.screenshot("e2e-03-replacement-ready");
                }
            }
            sleep(100);
        }
        page.screenshot("e2e-04-pod-gone");

        Map<String, Object> figures = new LinkedHashMap<>();
        cluster.forEach((k, v) -> figures.put("cluster." + k + "Ms", v));
        shown.forEach((k, v) -> figures.put("page." + k + "Ms", v));
        for (String k : List.of("terminating", "replacementReady", "gone")) {
            if (cluster.containsKey(k) && shown.containsKey(k)) {
                figures.put("lag." + k + "Ms", shown.get(k) - cluster.get(k));
            }
        }
        Report.record("dashboard: pod deleted", figures);

        assertThat(cluster).containsKeys("terminating", "replacementReady", "gone");
        assertThat(shown).containsKeys("terminating", "replacementReady", "gone");
        for (String k : List.of("terminating", "replacementReady", "gone")) {
            assertThat(shown.get(k) - cluster.get(k)).as("the page shows %s this many ms after the cluster", k)
                    .isLessThanOrEqualTo(MAX_LAG_MS);
        }
        String newPod = replacement;
        String newIp = app.pod(newPod).getStatus().getPodIP();
        assertThat(rows("#pods tbody tr")).anySatisfy(r -> {
            assertThat(r.get("pod")).isEqualTo(newPod);
            assertThat(r.get("ip")).isEqualTo(newIp);
        });
        assertThat(rows("#gone .gone-pod")).anySatisfy(r -> assertThat(r.get("pod")).isEqualTo(victim));
    }

    @Test
    @Order(3)
    void podWithoutReadinessLeavesTheEndpointsAndGetsNoTraffic() {
        app.awaitReady(3, Duration.ofMinutes(2));
        String target = app.readyPods().get(0).getMetadata().getName();
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("#pods tbody tr").stream()
                .anyMatch(r -> r.get("pod").equals(target) && "true".equals(r.get("ready"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> answering(5_000).contains(target));

        long t0 = System.currentTimeMillis();
        page.chaos(target, "readiness/fail");

        await().atMost(Duration.ofSeconds(5)).until(() -> page.chaosResult().contains("readiness/fail → 200"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                rows("#endpoints .chip").stream().anyMatch(e -> e.get("pod").equals(target) && "false".equals(e.get("ready"))));
        long outOfEndpointsMs = System.currentTimeMillis() - t0;
        assertThat(rows("#pods tbody tr")).anySatisfy(r -> {
            assertThat(r.get("pod")).isEqualTo(target);
            assertThat(r.get("ready")).isEqualTo("false");
        });
        // kube-proxy follows the EndpointSlice within a moment: wait until the page's last answers all
        // came from the other pods; after that no answer may come from this one.
        await("the page's last " + ANSWERS_ELSEWHERE + " answers from pods other than " + target)
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> answersSinceLastFrom(target, t0) >= ANSWERS_ELSEWHERE);
        long quietFrom = System.currentTimeMillis();
        sleep(6_000);
        List<Object> late = page.answersFrom(target, quietFrom);
        Set<String> others = answering(6_000);
        page.screenshot("e2e-05-readiness-off");
        Report.record("dashboard: readiness off", Map.of("pageOutOfEndpointsMs", outOfEndpointsMs,
                "answersFromItAfterwards", late.size(), "podsAnswering", others.size()));

        assertThat(late).isEmpty();
        assertThat(others).doesNotContain(target).hasSize(2);

        page.press("readiness/recover");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                rows("#endpoints .chip").stream().anyMatch(e -> e.get("pod").equals(target) && "true".equals(e.get("ready"))));
        page.screenshot("e2e-06-readiness-back");
    }

    @Test
    @Order(4)
    void cpuAndMemoryOfEveryPodAndNodeFromTheMetricsApi() {
        long t0 = System.currentTimeMillis();
        // metrics-server scrapes every 15 s: a pod started a minute ago may not be in it yet.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(rows("#pods tbody tr")).hasSize(3).allSatisfy(r -> {
                assertThat(r.get("cpu")).as("CPU of " + r.get("pod")).matches("\\d+");
                // two JVMs (app and sidecar) take more than 64 MiB
                assertThat(Long.parseLong(r.get("memory"))).as("memory of " + r.get("pod")).isGreaterThan(64L << 20);
            });
            assertThat(rows("#nodes .chip")).hasSize(ns.client().nodes().list().getItems().size()).allSatisfy(n -> {
                assertThat(n.get("cpu")).as("CPU of " + n.get("node")).matches("[1-9]\\d*");
                assertThat(Long.parseLong(n.get("memory"))).as("memory of " + n.get("node")).isGreaterThan(64L << 20);
            });
            assertThat(page.metricsNote()).isEmpty();
        });
        page.screenshot("e2e-07-cpu-and-memory");
        Report.record("dashboard: metrics", Map.of("allPodsAndNodesWithMetricsAfterMs", System.currentTimeMillis() - t0));

        assertThat(page.tablesWiderThanTheirPanel()).as("tables cut off at 1280x720 with this cluster's names").isEmpty();
        List<Long> controls = page.chaosControlsOnScreen();
        assertThat(controls.get(1)).as("chaos controls on the page").isPositive();
        assertThat(controls.get(0)).as("chaos controls on a 1280x720 screen, of " + controls.get(1)).isEqualTo(controls.get(1));
    }

    /**
     * Answers the page had from the other pods after its last one from {@code pod} (since {@code since}).
     * At 4 requests/s over three pods, 15 in a row elsewhere while the pod still got its third has a
     * chance of (2/3)^15, 0.2 %.
     */
    static long answersSinceLastFrom(String pod, long since) {
        long last = page.answersFrom(pod, since).stream().mapToLong(t -> ((Number) t).longValue()).max().orElse(since);
        return answering(60_000).stream().filter(p -> !p.equals(pod)).mapToLong(p -> page.answersFrom(p, last + 1).size()).sum();
    }

    static List<Map<String, String>> rows(String css) {
        return page.rows(css);
    }

    static Set<String> answering(long ms) {
        return page.answering(ms);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

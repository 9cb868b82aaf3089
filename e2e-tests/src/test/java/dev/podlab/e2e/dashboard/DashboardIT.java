package dev.podlab.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
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
import dev.podlab.app.dashboard.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The live dashboard in a real headless Chromium on the kind cluster, reached through a NodePort
 * as the instructor's browser reaches it: it lists every replica, follows a deleted pod and its
 * replacement as fast as the cluster does, and shows a pod without readiness leaving the
 * endpoints and the traffic. Screenshots in target/screenshots/e2e-*.png.
 */
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;
    static ChromeDriver browser;
    static String nodeReader;

    /** The page must show a cluster change within this long after the cluster itself shows it. */
    static final long MAX_LAG_MS = 2_000;

    @BeforeAll
    static void deploy() {
        grantNodeRead();
        app = new App(ns).deploy(3);
        String url = app.exposeNodePort();
        browser = Chromium.start();
        browser.get(url + "/dashboard/");
    }

    /**
     * Node status needs a ClusterRole, which the generated manifest leaves to k8s/base (a cluster-wide
     * object cannot be created once per test namespace): grant it here to this namespace's ServiceAccount.
     */
    static void grantNodeRead() {
        nodeReader = "podlab-e2e-node-reader-" + ns.name();
        ns.client().resource(new ClusterRoleBuilder().withNewMetadata().withName(nodeReader).endMetadata()
                .addNewRule().withApiGroups("").withResources("nodes").withVerbs("get", "list", "watch").endRule()
                .build()).create();
        ns.client().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(nodeReader).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(nodeReader).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(App.NAME).withNamespace(ns.name()).endSubject()
                .build()).create();
    }

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.quit();
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
        Chromium.screenshot(browser, "e2e-01-cluster-view");
    }

    @Test
    @Order(2)
    void deletedPodLeavesThePageAndItsReplacementShowsReadyAsSoonAsTheClusterSaysSo() {
        Set<String> before = app.pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        String victim = app.readyPods().get(0).getMetadata().getName();
        Map<String, Long> cluster = new LinkedHashMap<>();
        Map<String, Long> page = new LinkedHashMap<>();
        String replacement = null;

        long t0 = System.currentTimeMillis();
        ns.client().pods().inNamespace(ns.name()).withName(victim).delete();
        long deadline = t0 + Duration.ofMinutes(3).toMillis();
        while ((cluster.size() < 3 || page.size() < 3) && System.currentTimeMillis() < deadline) {
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
                if (page.putIfAbsent("terminating", now) == null) {
                    Chromium.screenshot(browser, "e2e-02-pod-terminating");
                }
            }
            if (victimRow == null && page.containsKey("terminating")) {
                page.putIfAbsent("gone", now);
            }
            if (rows.stream().anyMatch(r -> !before.contains(r.get("pod")) && "true".equals(r.get("ready")))) {
                if (!page.containsKey("replacementReady")) {
                    page.put("replacementReady", now);
                    Chromium.screenshot(browser, "e2e-03-replacement-ready");
                }
            }
            sleep(100);
        }
        Chromium.screenshot(browser, "e2e-04-pod-gone");

        Map<String, Object> figures = new LinkedHashMap<>();
        cluster.forEach((k, v) -> figures.put("cluster." + k + "Ms", v));
        page.forEach((k, v) -> figures.put("page." + k + "Ms", v));
        for (String k : List.of("terminating", "replacementReady", "gone")) {
            if (cluster.containsKey(k) && page.containsKey(k)) {
                figures.put("lag." + k + "Ms", page.get(k) - cluster.get(k));
            }
        }
        Report.record("dashboard: pod deleted", figures);

        assertThat(cluster).containsKeys("terminating", "replacementReady", "gone");
        assertThat(page).containsKeys("terminating", "replacementReady", "gone");
        assertThat(page.get("terminating")).isLessThanOrEqualTo(MAX_LAG_MS);
        assertThat(page.get("replacementReady") - cluster.get("replacementReady")).isLessThanOrEqualTo(MAX_LAG_MS);
        assertThat(page.get("gone") - cluster.get("gone")).isLessThanOrEqualTo(MAX_LAG_MS);
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

        new Select(browser.findElement(By.id("target"))).selectByValue(target);
        long t0 = System.currentTimeMillis();
        browser.findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("chaos-result")).getText()
                .contains("readiness/fail → 200"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                rows("#endpoints .chip").stream().anyMatch(e -> e.get("pod").equals(target) && "false".equals(e.get("ready"))));
        long outOfEndpointsMs = System.currentTimeMillis() - t0;
        assertThat(rows("#pods tbody tr")).anySatisfy(r -> {
            assertThat(r.get("pod")).isEqualTo(target);
            assertThat(r.get("ready")).isEqualTo("false");
        });
        // kube-proxy follows the EndpointSlice within a moment; after that no answer may come from the pod.
        sleep(2_000);
        long quietFrom = System.currentTimeMillis();
        sleep(6_000);
        @SuppressWarnings("unchecked")
        List<Object> late = (List<Object>) browser.executeScript(
                "return window.podlabSamples().filter(s => s.ok && s.pod === arguments[0] && s.t >= arguments[1]).map(s => s.t)",
                target, quietFrom);
        Set<String> others = answering(6_000);
        Chromium.screenshot(browser, "e2e-05-readiness-off");
        Report.record("dashboard: readiness off", Map.of("pageOutOfEndpointsMs", outOfEndpointsMs,
                "answersFromItAfterwards", late.size(), "podsAnswering", others.size()));

        assertThat(late).isEmpty();
        assertThat(others).doesNotContain(target).hasSize(2);

        browser.findElement(By.cssSelector("#chaos button[data-action='readiness/recover']")).click();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                rows("#endpoints .chip").stream().anyMatch(e -> e.get("pod").equals(target) && "true".equals(e.get("ready"))));
        Chromium.screenshot(browser, "e2e-06-readiness-back");
    }

    /** The data-* attributes of the elements matching {@code css}, as the page renders them. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> rows(String css) {
        return (List<Map<String, String>>) browser.executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => Object.assign({}, e.dataset))", css);
    }

    /** Pods that answered the page's traffic in the last {@code ms}. */
    @SuppressWarnings("unchecked")
    static Set<String> answering(long ms) {
        return Set.copyOf((List<String>) browser.executeScript(
                "return [...new Set(window.podlabSamples().filter(s => s.ok && s.t >= Date.now() - arguments[0]).map(s => s.pod))]", ms));
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

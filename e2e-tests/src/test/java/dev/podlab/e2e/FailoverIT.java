package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.LoadChart;
import dev.podlab.e2e.support.LoadRunner;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.Shell;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * "Keeping applications resilient", under load: a steady request stream through the Service
 * (NodePort from the host) while pods are replaced, crash, or lose their node.
 */
@dev.podlab.e2e.support.MultiNode("stops a worker node under load")
@Isolated("stops a worker node; its request stream and figures are this class's alone")
@Order(100)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
    private static final int RATE = 20;
    private static final Duration MAX_RUN = Duration.ofMinutes(4);

    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;
    static String url;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(3);
        url = app.exposeNodePort() + "/api/info";
    }

    @Test
    @Order(1)
    void aRollingUpdateDropsNoRequest() {
        LoadRunner.Result result = underLoad("new version rolling out", "rollout complete", () -> {
            app.setEnv("PODLAB_VERSION", "1.0.1");
            app.awaitRollout(Duration.ofMinutes(3));
        });

        record("a. rolling update", result);
        assertThat(result.failed()).as("failed requests").isZero();
        assertThat(result.pods()).as("pods that answered, old and new").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(2)
    void deletingAPodDropsNoRequest() {
        LoadRunner.Result result = underLoad("pod deleted", "3 Ready again", () -> {
            ns.client().resource(app.readyPods().get(0)).delete();
            app.awaitReady(3, Duration.ofMinutes(2));
        });

        record("b. delete a pod", result);
        assertThat(result.failed()).as("failed requests").isZero();
        assertThat(result.pods()).as("pods that answered").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(3)
    void aCrashedContainerIsRestartedAndTrafficRecovers() {
        Pod victim = app.readyPods().get(0);
        String name = victim.getMetadata().getName();
        int before = app.restarts(name);

        LoadRunner load = new LoadRunner(url, RATE, MAX_RUN);
        sleep(Duration.ofSeconds(2));
        long crashAt = load.elapsedMs();
        assertThat(load.answeredBy(name, 0)).as("the pod served before its crash").isTrue();
        load.mark("container crashes");
        app.trigger(victim, "crash", "{\"exitCode\":1}");
        await(name + " restarted after its crash and Ready again").atMost(Duration.ofMinutes(2))
                .until(() -> app.restarts(name) > before && Readiness.isPodReady(app.pod(name)));
        long readyAt = load.elapsedMs();
        load.mark("restarted and Ready");
        // Back in the endpoints: the Service sends it traffic again.
        await(name + " answering through the Service after its restart").atMost(Duration.ofSeconds(30))
                .until(() -> load.answeredBy(name, readyAt));
        sleep(Duration.ofSeconds(5));
        LoadRunner.Result result = load.stop();

        record("c. crash a container", result);
        assertThat(result.samples()).as("the crashed pod served before the crash")
                .anyMatch(s -> s.ok() && name.equals(s.pod()) && s.atMs() < crashAt);
        // Requests in flight to the dying container fail; the endpoint goes within seconds.
        assertThat(result.errorWindowMs()).as("error window, ms").isLessThanOrEqualTo(5_000);
        assertThat(result.failed()).as("failed requests").isLessThanOrEqualTo(5L * RATE);
        assertRecovered(result);
    }

    @Test
    @Order(4)
    void losingAWorkerNodeIsSurvived() {
        assertThat(Cluster.isKind()).as("stopping a node needs the multi-node kind cluster").isTrue();
        Pod onNode = app.readyPods().get(0);
        String node = onNode.getSpec().getNodeName();
        try {
            LoadRunner.Result result = underLoad("docker stop " + node, "3 replicas Ready elsewhere", () -> {
                Shell.run("docker", "stop", node);
                // Recovered once the dead node's pods are out of the endpoints and 3 replicas serve again.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> app.readyPods()
                        .stream().filter(p -> !p.getSpec().getNodeName().equals(node)).count() == 3);
            });

            record("d. stop a worker node", result);
            assertThat(result.pods()).as("a pod of the stopped node served before").contains(onNode.getMetadata().getName());
            // Until the node is declared lost (20 s grace, k8s/kind/cluster.yaml) its pod keeps its
            // endpoint, and a third of the requests that reach it fail.
            assertThat(result.errorWindowMs()).as("error window, ms").isLessThanOrEqualTo(30_000);
            assertThat(result.failed()).as("failed requests").isLessThanOrEqualTo(30L * RATE / 3);
            assertRecovered(result);
            // The evicted pod stays until its kubelet confirms it gone. kubectl 1.34 prints it as
            // Terminating: it prints Unknown only for reason NodeLost, which no controller sets now.
            // The text's "Unknown" is the node's Ready condition (NodeStatusIT).
            assertThat(Shell.run("kubectl", "-n", ns.name(), "get", "pod", onNode.getMetadata().getName(), "--no-headers"))
                    .as("kubectl's line for the pod of the lost node").contains("Terminating");
        } finally {
            Shell.run("docker", "start", node);
            await().atMost(Duration.ofMinutes(3)).until(() -> Readiness.isNodeReady(
                    ns.client().nodes().withName(node).get()));
        }
    }

    /**
     * Runs {@code disruption} with the request stream flowing, and keeps it flowing 5 s more; the
     * run's picture marks when the fault began and when the disruption was over.
     */
    static LoadRunner.Result underLoad(String fault, String over, Runnable disruption) {
        LoadRunner load = new LoadRunner(url, RATE, MAX_RUN);
        sleep(Duration.ofSeconds(2));
        load.mark(fault);
        disruption.run();
        load.mark(over);
        sleep(Duration.ofSeconds(5));
        return load.stop();
    }

    /** The last 5 s of requests all succeeded, on more than one pod. */
    static void assertRecovered(LoadRunner.Result result) {
        List<LoadRunner.Sample> tail = result.samples().subList(Math.max(0, result.samples().size() - 5 * RATE / 2),
                result.samples().size());
        assertThat(tail).isNotEmpty().allSatisfy(s -> assertThat(s.ok()).as(s.toString()).isTrue());
    }

    static void record(String scenario, LoadRunner.Result result) {
        String name = "failover " + scenario;
        Report.record(name, result.figures(), LoadChart.svg(name, result));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

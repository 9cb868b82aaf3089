package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.Shell;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * "Node status: Ready, NotReady, Unknown": a node whose kubelet reports itself unhealthy is
 * Ready=False (NotReady); a node whose kubelet stopped reporting is Ready=Unknown. Stops services
 * inside a worker, so it runs alone, after the other classes and just before FailoverIT.
 */
@dev.podlab.e2e.support.MultiNode("stops the kubelet and the container runtime of a worker")
@Isolated("stops the kubelet and the container runtime of a worker")
@Order(99)
class NodeStatusIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();

    @Test
    void aNodeReportsNotReadyWhenItsRuntimeStopsAndUnknownWhenItsKubeletStops() {
        assertThat(Cluster.isKind()).as("stopping a node's services needs the multi-node kind cluster").isTrue();
        String node = ClusterIT.workers().get(1);
        Map<String, Object> times = new LinkedHashMap<>();
        try {
            long t0 = System.currentTimeMillis();
            Shell.run("docker", "exec", node, "systemctl", "stop", "containerd");
            NodeCondition notReady = awaitReady(node, "False", Duration.ofSeconds(120));
            times.put("runtimeStopToReadyFalseMs", System.currentTimeMillis() - t0);
            // The kubelet still posts status, and says why the node is not ready.
            assertThat(notReady.getReason()).isEqualTo("KubeletNotReady");
            assertThat(notReady.getMessage()).containsIgnoringCase("container runtime");

            t0 = System.currentTimeMillis();
            Shell.run("docker", "exec", node, "systemctl", "stop", "kubelet");
            NodeCondition unknown = awaitReady(node, "Unknown", Duration.ofSeconds(120));
            times.put("kubeletStopToReadyUnknownMs", System.currentTimeMillis() - t0);
            // Nobody reports any more: the node controller writes the condition, after the grace period.
            assertThat(unknown.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(unknown.getMessage()).contains("stopped posting node status");
            // kubectl prints NotReady for both; only the condition's status tells them apart.
            assertThat(Shell.run("kubectl", "get", "node", node, "--no-headers"))
                    .contains("NotReady");
        } finally {
            long t0 = System.currentTimeMillis();
            Shell.run("docker", "exec", node, "systemctl", "start", "containerd", "kubelet");
            awaitReady(node, "True", Duration.ofSeconds(180));
            times.put("startToReadyTrueMs", System.currentTimeMillis() - t0);
            Report.record("node status: NotReady vs Unknown", times);
        }
    }

    private static NodeCondition awaitReady(String node, String status, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> Cluster.client().nodes().withName(node).get().getStatus().getConditions().stream()
                        .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow(), c -> c.getStatus().equals(status));
    }
}

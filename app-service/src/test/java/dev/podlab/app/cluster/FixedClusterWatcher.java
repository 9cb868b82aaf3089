package dev.podlab.app.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.podlab.app.cluster.ClusterView.MetricsView;
import dev.podlab.app.cluster.ClusterView.NodesView;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The test seam for the dashboard: a watcher whose cache holds fixed Kubernetes objects, put
 * through the real {@link ClusterMapper}. Their times are fixed when the app starts, so ages move
 * as they would in a cluster: three replicas as the generated manifest makes them (app and sidecar,
 * their requests and limits), on a Ready, a NotReady and an Unknown node, with metrics for what
 * metrics-server could reach. Enabled by {@link Profile} only.
 */
@Alternative
@Singleton
public class FixedClusterWatcher extends ClusterWatcher {

    static final String POD = "app-service-7d9c8b6f5-x2kqp";
    static final Map<String, String> NODE_OF_POD = Map.of(POD, "podlab-worker",
            "app-service-7d9c8b6f5-m4n8z", "podlab-worker2", "app-service-7d9c8b6f5-q7w2r", "podlab-control-plane");
    private final Instant started = Instant.now();

    final List<Pod> pods = NODE_OF_POD.entrySet().stream().map(e -> replica(e.getKey(), e.getValue())).toList();

    /** The three Ready condition states: True, False (the kubelet says it is unwell), Unknown (it went quiet). */
    final List<Node> nodes = List.of(
            node("podlab-control-plane", "True", "KubeletReady", "kubelet is posting ready status"),
            node("podlab-worker", "False", "KubeletNotReady", "container runtime is down"),
            node("podlab-worker2", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."));

    /** What the metrics API says: nothing for the pod and node that stopped reporting. Tests may swap it. */
    volatile MetricsReader.Usage usage = new MetricsReader.Usage(new MetricsView(true, null, true, null),
            Map.of(POD, ClusterMapper.usage(new PodMetricsBuilder().withNewMetadata().withName(POD).endMetadata()
                            .addNewContainer().withName("app-service").addToUsage("cpu", new Quantity("7m"))
                            .addToUsage("memory", new Quantity("142Mi")).endContainer()
                            .addNewContainer().withName("sidecar-logger").addToUsage("cpu", new Quantity("1m"))
                            .addToUsage("memory", new Quantity("61Mi")).endContainer().build()),
                    "app-service-7d9c8b6f5-q7w2r", ClusterMapper.usage(new PodMetricsBuilder().withNewMetadata()
                            .withName("app-service-7d9c8b6f5-q7w2r").endMetadata().addNewContainer().withName("app-service")
                            .addToUsage("cpu", new Quantity("1250m")).addToUsage("memory", new Quantity("1100Mi")).endContainer().build())),
            Map.of("podlab-control-plane", ClusterMapper.usage(new NodeMetricsBuilder().withNewMetadata()
                            .withName("podlab-control-plane").endMetadata().addToUsage("cpu", new Quantity("176m"))
                            .addToUsage("memory", new Quantity("585Mi")).build()),
                    "podlab-worker", ClusterMapper.usage(new NodeMetricsBuilder().withNewMetadata().withName("podlab-worker")
                            .endMetadata().addToUsage("cpu", new Quantity("298m")).addToUsage("memory", new Quantity("333Mi")).build())));

    /** One pod's life in the last 40 minutes, as the kubelet and scheduler report it. */
    final List<Event> events = List.of(
            ClusterMapperTest.event(POD, "Normal", "Started", "Started container app-service", started.minusSeconds(3)),
            ClusterMapperTest.event(POD, "Warning", "Unhealthy", "Liveness probe failed: Get \"http://10.244.1.7:8080/q/health/live\": "
                    + "context deadline exceeded (Client.Timeout exceeded while awaiting headers)", started.minusSeconds(70)),
            ClusterMapperTest.event(POD, "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    started.minusSeconds(125)),
            ClusterMapperTest.event(POD, "Warning", "BackOff", "Back-off restarting failed container app-service",
                    started.minusSeconds(8 * 60)),
            ClusterMapperTest.event(POD, "Normal", "Pulled", "Container image already present on machine",
                    started.minusSeconds(10 * 60)),
            ClusterMapperTest.event(POD, "Warning", "FailedMount", "MountVolume.SetUp failed for volume \"app-logs\"",
                    started.minusSeconds(12 * 60)),
            ClusterMapperTest.event(POD, "Warning", "FailedScheduling", "0/3 nodes are available",
                    started.minusSeconds(40 * 60)));

    @Override
    public ClusterView snapshot() {
        return ClusterMapper.view(POD, "podlab", "app-service", Instant.now(), pods, List.of(), events,
                new NodesView(true, null, nodes.stream().map(ClusterMapper::node).toList()), usage);
    }

    private Pod replica(String name, String node) {
        return new PodBuilder(ClusterMapperTest.pod(name, started.minusSeconds(45 * 60).toString())).editSpec().withNodeName(node)
                .addNewContainer().withName("app-service").withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("192Mi"))
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("384Mi")).endResources().endContainer()
                .addNewContainer().withName("sidecar-logger").withNewResources()
                .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("96Mi"))
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("192Mi")).endResources().endContainer()
                .endSpec().editStatus().addNewContainerStatus().withName("sidecar-logger").withReady(true).withStarted(true)
                .withRestartCount(0).withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build();
    }

    private static Node node(String name, String ready, String reason, String message) {
        var builder = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
        if (name.endsWith("control-plane")) {
            builder.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata();
        }
        return builder.withNewStatus().addToAllocatable("cpu", new Quantity("2")).addToAllocatable("memory", new Quantity("7901Mi"))
                .addNewCondition().withType("Ready").withStatus(ready).withReason(reason).withMessage(message).endCondition()
                .endStatus().build();
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClusterWatcher.class);
        }

        /**
         * This app is one of the replicas: its traffic rows carry a pod name as long as in a cluster,
         * and its chaos panel asks for a token, as on the workshop's cluster.
         */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("POD_NAME", POD, "podlab.chaos.token", "fixed-watcher-token");
        }
    }
}

package dev.podlab.app.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.podlab.app.cluster.ClusterView.Amounts;
import dev.podlab.app.cluster.ClusterView.MetricsView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * CPU and memory from the metrics API (metrics.k8s.io, served by metrics-server), read again every
 * few seconds since it has no watch. Pods and nodes are read apart: the app's Role covers pod
 * metrics, node metrics need the node-reader ClusterRole a cluster may not grant. A missing API or
 * permission is a plain reason in the view, never an error of /api/cluster.
 */
final class MetricsReader {

    static final String NO_API = "no metrics API (metrics-server) in this cluster";

    /** Usage by pod and by node name, and whether each could be read. */
    record Usage(MetricsView status, Map<String, Amounts> pods, Map<String, Amounts> nodes) {
    }

    private final ProblemLog problems;
    private volatile Usage latest = new Usage(new MetricsView(false, "not read yet", false, "not read yet"), Map.of(), Map.of());

    MetricsReader(ProblemLog problems) {
        this.problems = problems;
    }

    Usage latest() {
        return latest;
    }

    /** Both lists once; never throws (it runs on a schedule that a thrown exception would end). */
    void read(KubernetesClient client, String namespace) {
        String podsReason = null;
        String nodesReason = null;
        Map<String, Amounts> pods = Map.of();
        Map<String, Amounts> nodes = Map.of();
        try {
            pods = byName(client.top().pods().metrics(namespace).getItems(), ClusterMapper::usage);
        } catch (RuntimeException e) {
            podsReason = reason(e, "the ServiceAccount may not read pod metrics (metrics.k8s.io pods) in namespace " + namespace);
        }
        try {
            nodes = byName(client.top().nodes().metrics().getItems(), ClusterMapper::usage);
        } catch (RuntimeException e) {
            nodesReason = reason(e, "the ServiceAccount may not read node metrics (no ClusterRole for metrics.k8s.io nodes)");
        }
        latest = new Usage(new MetricsView(podsReason == null, podsReason, nodesReason == null, nodesReason), pods, nodes);
    }

    private String reason(RuntimeException e, String forbidden) {
        if (ApiErrors.code(e) == 404) {
            return NO_API;
        }
        if (ApiErrors.forbidden(e)) {
            return forbidden;
        }
        String reason = "cannot read the metrics API: " + ApiErrors.message(e);
        problems.warn("cluster view: " + reason);
        return reason;
    }

    private static <T extends HasMetadata> Map<String, Amounts> byName(List<T> items, Function<T, Amounts> usage) {
        return items.stream().collect(Collectors.toUnmodifiableMap(m -> m.getMetadata().getName(), usage, (a, b) -> a));
    }
}

package dev.podlab.workshop.plan;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What the cluster can still give a class, read live from its nodes and pods. */
public final class Capacity {
    private static final BigDecimal MILLI = BigDecimal.valueOf(1000);
    private static final BigDecimal MIB = BigDecimal.valueOf(1024 * 1024);

    private Capacity() {
    }

    /**
     * Allocatable of the nodes attendee pods can land on (schedulable, no NoSchedule or NoExecute
     * taint) minus the requests of the pods running there, leaving out pods in
     * {@code classNamespaces}: the class's own quotas are counted in full instead.
     */
    public static Resources free(KubernetesClient client, Set<String> classNamespaces) {
        Map<String, Node> nodes = client.nodes().list().getItems().stream().filter(Capacity::schedulable)
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        Resources allocatable = nodes.values().stream()
                .map(n -> resources(n.getStatus().getAllocatable(), 0))
                .reduce(new Resources(0, 0, 0), Resources::plus);
        Predicate<Pod> counted = p -> nodes.containsKey(p.getSpec().getNodeName())
                && !classNamespaces.contains(p.getMetadata().getNamespace())
                && !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase());
        Resources requested = client.pods().inAnyNamespace().list().getItems().stream().filter(counted)
                .map(Capacity::requests).reduce(new Resources(0, 0, 0), Resources::plus);
        return allocatable.minus(requested);
    }

    private static boolean schedulable(Node n) {
        return !Boolean.TRUE.equals(n.getSpec().getUnschedulable()) && n.getSpec().getTaints().stream()
                .noneMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
    }

    private static Resources requests(Pod p) {
        return p.getSpec().getContainers().stream()
                .map(Container::getResources)
                .map(r -> r == null ? new Resources(0, 0, 0) : resources(r.getRequests(), 0))
                .reduce(new Resources(0, 0, 1), Resources::plus);
    }

    /** CPU and memory of a resource list; its pod count, or {@code pods} when it has none. */
    private static Resources resources(Map<String, Quantity> q, long pods) {
        if (q == null) {
            return new Resources(0, 0, pods);
        }
        return new Resources(amount(q.get("cpu")).multiply(MILLI).longValue(),
                amount(q.get("memory")).divide(MIB, RoundingMode.DOWN).longValue(),
                q.containsKey("pods") ? amount(q.get("pods")).longValue() : pods);
    }

    private static BigDecimal amount(Quantity q) {
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }
}

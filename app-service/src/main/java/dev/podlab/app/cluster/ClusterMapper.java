package dev.podlab.app.cluster;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.podlab.app.cluster.ClusterView.Amounts;
import dev.podlab.app.cluster.ClusterView.ContainerView;
import dev.podlab.app.cluster.ClusterView.EndpointView;
import dev.podlab.app.cluster.ClusterView.EventView;
import dev.podlab.app.cluster.ClusterView.NodeView;
import dev.podlab.app.cluster.ClusterView.NodesView;
import dev.podlab.app.cluster.ClusterView.PodView;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;

/** Kubernetes objects (as the watches cache them) into the view records of GET /api/cluster. Pure functions. */
final class ClusterMapper {

    /** Events older than this are history, not news: a room should not read hour-old warnings. */
    static final Duration EVENTS_WINDOW = Duration.ofMinutes(15);
    static final int EVENTS_SHOWN = 20;
    private static final Pattern PROBE = Pattern.compile("^(Liveness|Readiness|Startup) probe (failed|errored)[^:]*: (.*)$",
            Pattern.DOTALL);
    private static final Pattern STATUS_CODE = Pattern.compile("statuscode: (\\d{3})");

    private ClusterMapper() {
    }

    /** The whole picture, usage from the metrics API attached by pod and node name; chaos data is the caller's to attach. */
    static ClusterView view(String servedBy, String namespace, String service, Instant now, List<Pod> pods,
            List<EndpointSlice> slices, List<Event> events, NodesView nodes, MetricsReader.Usage usage) {
        List<PodView> podViews = pods.stream().map(p -> pod(p, now, events, usage.pods().get(p.getMetadata().getName())))
                .sorted(Comparator.comparing(PodView::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(PodView::name))
                .toList();
        Set<String> podNames = podViews.stream().map(PodView::name).collect(Collectors.toSet());
        NodesView shown = nodesWithFallback(nodes, podViews);
        shown = new NodesView(shown.readable(), shown.reason(),
                shown.items().stream().map(n -> n.withUsage(usage.nodes().get(n.name()))).toList());
        return new ClusterView(true, null, servedBy, null, namespace, service, now, podViews, endpoints(slices),
                shown, recentEvents(events, podNames, service, now), usage.status());
    }

    /** The app's events of the last {@link #EVENTS_WINDOW}, newest first: its pods' and those of pods already gone. */
    static List<EventView> recentEvents(List<Event> events, Set<String> podNames, String service, Instant now) {
        Instant from = now.minus(EVENTS_WINDOW);
        return events.stream()
                .filter(e -> podNames.contains(e.getInvolvedObject().getName())
                        || e.getInvolvedObject().getName().startsWith(service + "-"))
                .map(ClusterMapper::event)
                .filter(e -> e.time() != null && e.time().isAfter(from))
                .sorted(Comparator.comparing(EventView::time).reversed())
                .limit(EVENTS_SHOWN).toList();
    }

    static List<EndpointView> endpoints(List<EndpointSlice> slices) {
        List<EndpointView> endpoints = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (var ep : slice.getEndpoints()) {
                var c = ep.getConditions();
                for (String ip : ep.getAddresses()) {
                    endpoints.add(new EndpointView(slice.getMetadata().getName(), ip,
                            ep.getTargetRef() == null ? null : ep.getTargetRef().getName(), ep.getNodeName(),
                            c != null && !Boolean.FALSE.equals(c.getReady()),
                            c != null && !Boolean.FALSE.equals(c.getServing()),
                            c != null && Boolean.TRUE.equals(c.getTerminating())));
                }
            }
        }
        endpoints.sort(Comparator.comparing(EndpointView::ip));
        return endpoints;
    }

    /** The nodes as listed, or, without permission to list them, the pods' nodes with status unknown. */
    static NodesView nodesWithFallback(NodesView listed, List<PodView> podViews) {
        if (listed.readable()) {
            return listed;
        }
        Set<String> names = new TreeSet<>();
        podViews.stream().map(PodView::node).filter(n -> n != null).forEach(names::add);
        return new NodesView(false, listed.reason(),
                names.stream().map(n -> new NodeView(n, "Unknown", false, null, null, null)).toList());
    }

    static NodeView node(Node n) {
        var ready = n.getStatus() == null || n.getStatus().getConditions() == null ? null
                : n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        String status = ready == null ? "Unknown"
                : switch (ready.getStatus()) {
                    case "True" -> "Ready";
                    case "False" -> "NotReady";
                    default -> "Unknown";
                };
        boolean controlPlane = n.getMetadata().getLabels() != null
                && n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane");
        return new NodeView(n.getMetadata().getName(), status, controlPlane,
                ready == null || "Ready".equals(status) ? null : ready.getReason(), null,
                n.getStatus() == null ? null : amounts(n.getStatus().getAllocatable()));
    }

    /** A pod's usage as `kubectl top pod` adds it up: the sum of its containers'. */
    static Amounts usage(PodMetrics m) {
        return sum(m.getContainers() == null ? List.of() : m.getContainers().stream().map(c -> amounts(c.getUsage())).toList(), false);
    }

    static Amounts usage(NodeMetrics m) {
        return amounts(m.getUsage());
    }

    /** The sum of the containers' requests (a container without one adds nothing, as the scheduler counts). */
    static Amounts requests(Pod p) {
        return sum(resources(p, ResourceRequirements::getRequests), false);
    }

    /** The sum of the containers' limits; a part is null (no limit) as soon as one container has none for it. */
    static Amounts limits(Pod p) {
        return sum(resources(p, ResourceRequirements::getLimits), true);
    }

    private static List<Amounts> resources(Pod p, Function<ResourceRequirements, Map<String, Quantity>> which) {
        List<Container> containers = p.getSpec() == null || p.getSpec().getContainers() == null ? List.of() : p.getSpec().getContainers();
        return containers.stream().map(c -> amounts(c.getResources() == null ? null : which.apply(c.getResources()))).toList();
    }

    static Amounts amounts(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return new Amounts(null, null);
        }
        return new Amounts(scaled(quantities.get("cpu"), 1000), scaled(quantities.get("memory"), 1));
    }

    /** Null when no part has a value, or (everyOne) when one part lacks it. */
    private static Amounts sum(List<Amounts> parts, boolean everyOne) {
        return new Amounts(total(parts.stream().map(Amounts::cpuMillis).toList(), everyOne),
                total(parts.stream().map(Amounts::memoryBytes).toList(), everyOne));
    }

    private static Long total(List<Long> values, boolean everyOne) {
        boolean missing = values.isEmpty() || (everyOne ? values.contains(null) : values.stream().allMatch(Objects::isNull));
        return missing ? null : values.stream().filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }

    /** "250m" cores times 1000 is 250 millicores; "1Gi" times 1 is 1073741824 bytes. */
    private static Long scaled(Quantity q, int factor) {
        return q == null ? null
                : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static PodView pod(Pod p, Instant now, List<Event> events, Amounts usage) {
        var status = p.getStatus();
        boolean deleting = p.getMetadata().getDeletionTimestamp() != null;
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<ContainerView> containers = status == null || status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses().stream().map(ClusterMapper::container).toList();
        int restarts = containers.stream().mapToInt(ContainerView::restarts).sum();
        Instant created = parse(p.getMetadata().getCreationTimestamp());
        String name = p.getMetadata().getName();
        EventView probe = events.stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Unhealthy".equals(e.getReason()))
                .map(ClusterMapper::event)
                .max(Comparator.comparing(EventView::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        return new PodView(name, p.getSpec().getNodeName(), status == null ? null : status.getPodIP(),
                status == null ? null : status.getPhase(), kubectlStatus(p, deleting), ready, deleting, restarts,
                created, created == null ? 0 : Duration.between(created, now).toSeconds(), containers, probe, usage,
                requests(p), limits(p));
    }

    /** Roughly what `kubectl get pods` prints in STATUS. */
    static String kubectlStatus(Pod p, boolean deleting) {
        if (deleting) {
            return "Terminating";
        }
        var status = p.getStatus();
        if (status == null) {
            return "Pending";
        }
        if (status.getContainerStatuses() != null) {
            for (ContainerStatus c : status.getContainerStatuses()) {
                if (c.getState() != null && c.getState().getWaiting() != null
                        && c.getState().getWaiting().getReason() != null) {
                    return c.getState().getWaiting().getReason();
                }
                if (c.getState() != null && c.getState().getTerminated() != null
                        && c.getState().getTerminated().getReason() != null) {
                    return c.getState().getTerminated().getReason();
                }
            }
        }
        return status.getPhase() == null ? "Pending" : status.getPhase();
    }

    static ContainerView container(ContainerStatus c) {
        var s = c.getState();
        String state = s == null ? "unknown" : s.getRunning() != null ? "running"
                : s.getWaiting() != null ? "waiting" : s.getTerminated() != null ? "terminated" : "unknown";
        String reason = s == null ? null : s.getWaiting() != null ? s.getWaiting().getReason()
                : s.getTerminated() != null ? s.getTerminated().getReason() : null;
        var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
        String lastTermination = last == null ? null : last.getReason() + ", exit " + last.getExitCode();
        return new ContainerView(c.getName(), Boolean.TRUE.equals(c.getReady()), Boolean.TRUE.equals(c.getStarted()),
                c.getRestartCount() == null ? 0 : c.getRestartCount(), state, reason, lastTermination);
    }

    /** When it last happened: lastTimestamp, else the series' or the event's own time, else when it was recorded. */
    static EventView event(Event e) {
        Instant time = parse(e.getLastTimestamp());
        if (time == null && e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
            time = parse(e.getSeries().getLastObservedTime().getTime());
        }
        if (time == null && e.getEventTime() != null) {
            time = parse(e.getEventTime().getTime());
        }
        if (time == null) {
            time = parse(e.getMetadata().getCreationTimestamp());
        }
        return new EventView(time, e.getType(), e.getReason(), e.getInvolvedObject().getName(), e.getMessage(),
                e.getCount() == null ? 1 : e.getCount(),
                "Unhealthy".equals(e.getReason()) ? explainProbe(e.getMessage()) : null);
    }

    /**
     * The kubelet's probe message in plain words, e.g. "Readiness probe failed: HTTP probe failed with
     * statuscode: 503" into "readiness probe failed: the app said it is not ready (HTTP 503)"; null
     * when it is not a probe message.
     */
    static String explainProbe(String message) {
        Matcher m = message == null ? null : PROBE.matcher(message.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        String probe = m.group(1).toLowerCase(Locale.ROOT);
        String detail = m.group(3);
        Matcher code = STATUS_CODE.matcher(detail);
        String why;
        if (code.find()) {
            why = code.group(1).equals("503") ? switch (probe) {
                case "readiness" -> "the app said it is not ready (HTTP 503)";
                case "liveness" -> "the app said it is broken and needs a restart (HTTP 503)";
                default -> "the app said it is still starting (HTTP 503)";
            } : "the app answered HTTP " + code.group(1);
        } else if (detail.contains("connection refused")) {
            why = "nothing listens on the port (connection refused): the app has not started yet, or has stopped";
        } else if (detail.contains("deadline exceeded") || detail.toLowerCase(Locale.ROOT).contains("timeout")) {
            why = "no answer in time (timeout): the app hangs or is overloaded";
        } else if (detail.contains("connection reset") || detail.contains("EOF")) {
            why = "the connection dropped: the app is stopping or crashed";
        } else if ("errored".equals(m.group(2))) {
            why = "the probe could not run: " + shorten(detail);
        } else {
            why = shorten(detail);
        }
        return probe + " probe failed: " + why;
    }

    private static String shorten(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    private static Instant parse(String timestamp) {
        try {
            return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

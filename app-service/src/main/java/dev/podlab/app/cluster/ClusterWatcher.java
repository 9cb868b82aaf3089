package dev.podlab.app.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.podlab.app.cluster.ClusterView.ContainerView;
import dev.podlab.app.cluster.ClusterView.EndpointView;
import dev.podlab.app.cluster.ClusterView.EventView;
import dev.podlab.app.cluster.ClusterView.NodeView;
import dev.podlab.app.cluster.ClusterView.NodesView;
import dev.podlab.app.cluster.ClusterView.PodView;
import dev.podlab.app.info.PodIdentity;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps a local copy of the app's pods, its Service's EndpointSlices and the namespace's events
 * (informers: one watch each, whatever the number of browsers) and of the nodes (listed every
 * 2 s, since nodes need a ClusterRole the app may not have). Starts only inside a cluster, so
 * tests and dev mode never reach for a kubeconfig.
 */
@Singleton
public class ClusterWatcher {

    private static final Logger LOG = Logger.getLogger(ClusterWatcher.class);
    static final String NOT_IN_CLUSTER = "not running in Kubernetes";
    private static final Path SA_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    private static final int EVENTS_SHOWN = 12;

    @ConfigProperty(name = "podlab.cluster.enabled")
    String enabled;

    @ConfigProperty(name = "podlab.cluster.service")
    String service;

    @ConfigProperty(name = "podlab.cluster.selector")
    String selector;

    @ConfigProperty(name = "KUBERNETES_SERVICE_HOST")
    Optional<String> apiHost;

    @Inject
    Instance<KubernetesClient> clients;

    @Inject
    PodIdentity identity;

    private volatile String unavailableReason = NOT_IN_CLUSTER;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<EndpointSlice> slices;
    private volatile SharedIndexInformer<Event> events;
    private volatile NodesView nodes = new NodesView(false, "not read yet", List.of());
    private volatile Instant nodesForbiddenAt;
    private ScheduledExecutorService nodePoller;
    private KubernetesClient client;

    void start(@Observes StartupEvent ignored) {
        if ("false".equalsIgnoreCase(enabled)) {
            unavailableReason = "cluster view switched off (podlab.cluster.enabled=false)";
            return;
        }
        if (apiHost.isEmpty() || !Files.isReadable(SA_TOKEN)) {
            LOG.info("cluster view: not running in Kubernetes (no service account token), /api/cluster says so");
            return;
        }
        unavailableReason = "starting: reading the cluster";
        String ns = identity.namespace();
        try {
            client = clients.get();
            Map<String, String> labels = labels(selector);
            pods = client.pods().inNamespace(ns).withLabels(labels).runnableInformer(0);
            slices = client.discovery().v1().endpointSlices().inNamespace(ns)
                    .withLabel("kubernetes.io/service-name", service).runnableInformer(0);
            events = client.v1().events().inNamespace(ns).withField("involvedObject.kind", "Pod").runnableInformer(0);
            for (var informer : List.of(pods, slices, events)) {
                informer.exceptionHandler((watching, e) -> {
                    unavailableReason = "cannot read the cluster: " + message(e);
                    LOG.warnf("cluster view: %s", unavailableReason);
                    return true; // keep retrying: RBAC or the API server may come back
                });
                informer.start();
            }
            nodePoller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-nodes").daemon().factory());
            nodePoller.scheduleWithFixedDelay(this::readNodes, 0, 2, TimeUnit.SECONDS);
            LOG.infof("cluster view: watching pods %s, EndpointSlices of Service %s and events in namespace %s",
                    selector, service, ns);
        } catch (RuntimeException e) {
            unavailableReason = "cannot read the cluster: " + message(e);
            LOG.warn("cluster view: " + unavailableReason, e);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (nodePoller != null) {
            nodePoller.shutdownNow();
        }
        for (var informer : new SharedIndexInformer<?>[] {pods, slices, events}) {
            if (informer != null) {
                informer.stop();
            }
        }
    }

    /** True once every informer has its first full list. */
    public boolean available() {
        return pods != null && pods.hasSynced() && slices.hasSynced() && events.hasSynced();
    }

    public String unavailableReason() {
        return unavailableReason;
    }

    /** The IP of a pod of the app, by name; empty when no such pod is known or it has no IP yet. */
    public Optional<Pod> pod(String name) {
        if (!available()) {
            return Optional.empty();
        }
        return Optional.ofNullable(pods.getIndexer().getByKey(identity.namespace() + "/" + name));
    }

    private void readNodes() {
        Instant forbidden = nodesForbiddenAt;
        if (forbidden != null && forbidden.isAfter(Instant.now().minusSeconds(30))) {
            return; // no permission: ask again now and then, not every 2 s
        }
        try {
            List<NodeView> items = client.nodes().list().getItems().stream().map(ClusterWatcher::node)
                    .sorted(Comparator.comparing(NodeView::name)).toList();
            nodes = new NodesView(true, null, items);
            nodesForbiddenAt = null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                nodesForbiddenAt = Instant.now();
                nodes = new NodesView(false, "the ServiceAccount may not list nodes (no ClusterRole for nodes)", List.of());
            } else {
                nodes = new NodesView(false, "cannot list nodes: " + message(e), List.of());
            }
        } catch (RuntimeException e) {
            nodes = new NodesView(false, "cannot list nodes: " + message(e), List.of());
        }
    }

    /** The current picture, built from the informers' caches: no API call. */
    public ClusterView snapshot(ClusterView.ChaosInfo chaos) {
        if (!available()) {
            return ClusterView.unavailable(unavailableReason, identity.pod(), chaos);
        }
        Instant now = Instant.now();
        List<Event> podEvents = events.getStore().list();
        List<PodView> podViews = pods.getStore().list().stream()
                .map(p -> pod(p, now, podEvents))
                .sorted(Comparator.comparing(PodView::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(PodView::name))
                .toList();
        Set<String> podNames = podViews.stream().map(PodView::name).collect(Collectors.toSet());
        List<EndpointView> endpoints = new ArrayList<>();
        for (EndpointSlice slice : slices.getStore().list()) {
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
        List<EventView> recent = podEvents.stream()
                .filter(e -> podNames.contains(e.getInvolvedObject().getName())
                        || e.getInvolvedObject().getName().startsWith(service + "-"))
                .map(ClusterWatcher::event)
                .sorted(Comparator.comparing(EventView::time, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .limit(EVENTS_SHOWN).toList();
        return new ClusterView(true, null, identity.pod(), chaos, identity.namespace(), service, now, podViews,
                endpoints, nodesWithFallback(podViews), recent);
    }

    private NodesView nodesWithFallback(List<PodView> podViews) {
        NodesView current = nodes;
        if (current.readable()) {
            return current;
        }
        Set<String> names = new TreeSet<>();
        podViews.stream().map(PodView::node).filter(n -> n != null).forEach(names::add);
        return new NodesView(false, current.reason(),
                names.stream().map(n -> new NodeView(n, "Unknown", false, null)).toList());
    }

    private static NodeView node(Node n) {
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
                ready == null || "Ready".equals(status) ? null : ready.getReason());
    }

    private static PodView pod(Pod p, Instant now, List<Event> events) {
        var status = p.getStatus();
        boolean deleting = p.getMetadata().getDeletionTimestamp() != null;
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<ContainerView> containers = status == null || status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses().stream().map(ClusterWatcher::container).toList();
        int restarts = containers.stream().mapToInt(ContainerView::restarts).sum();
        Instant created = parse(p.getMetadata().getCreationTimestamp());
        String name = p.getMetadata().getName();
        EventView probe = events.stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Unhealthy".equals(e.getReason()))
                .map(ClusterWatcher::event)
                .max(Comparator.comparing(EventView::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        return new PodView(name, p.getSpec().getNodeName(), status == null ? null : status.getPodIP(),
                status == null ? null : status.getPhase(), kubectlStatus(p, deleting), ready, deleting, restarts,
                created, created == null ? 0 : Duration.between(created, now).toSeconds(), containers, probe);
    }

    /** Roughly what `kubectl get pods` prints in STATUS. */
    private static String kubectlStatus(Pod p, boolean deleting) {
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

    private static ContainerView container(ContainerStatus c) {
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

    private static EventView event(Event e) {
        Instant time = parse(e.getLastTimestamp());
        if (time == null && e.getEventTime() != null) {
            time = parse(e.getEventTime().getTime());
        }
        if (time == null) {
            time = parse(e.getMetadata().getCreationTimestamp());
        }
        return new EventView(time, e.getType(), e.getReason(), e.getInvolvedObject().getName(), e.getMessage(),
                e.getCount() == null ? 1 : e.getCount());
    }

    private static Instant parse(String timestamp) {
        try {
            return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, String> labels(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : selector.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2) {
                labels.put(kv[0].trim(), kv[1].trim());
            }
        }
        return labels;
    }

    private static String message(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getCode() == 403) {
            return "forbidden (RBAC): " + k.getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

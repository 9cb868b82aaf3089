package dev.podlab.app.cluster;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.podlab.app.cluster.ClusterView.NodeView;
import dev.podlab.app.cluster.ClusterView.NodesView;
import dev.podlab.app.pod.PodIdentity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Keeps a local copy of the app's pods, its Service's EndpointSlices and the namespace's pod events
 * (informers: one watch each, whatever the number of browsers), of the nodes (listed every 2 s,
 * since nodes need a ClusterRole the app may not have) and of CPU and memory ({@link MetricsReader},
 * every 5 s: metrics-server refreshes every 15 s). Watches only in a pod whose ServiceAccount may
 * read them, checked once at start (a pod from a bare {@code kubectl run} may not): otherwise it says
 * why, once, and /api/cluster answers with that reason. {@link ClusterMapper} builds the view.
 */
@Singleton
public class ClusterWatcher {

    private static final Logger LOG = Logger.getLogger(ClusterWatcher.class);
    static final String NOT_IN_CLUSTER = "not running in Kubernetes";

    @Inject
    ClusterSettings settings;

    @Inject
    Instance<KubernetesClient> clients;

    @Inject
    PodIdentity identity;

    private final ProblemLog problems = new ProblemLog(LOG, Duration.ofMinutes(5), Clock.systemUTC());
    private final MetricsReader metrics = new MetricsReader(problems);
    private volatile String unavailableReason = NOT_IN_CLUSTER;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<EndpointSlice> slices;
    private volatile SharedIndexInformer<Event> events;
    private volatile NodesView nodes = new NodesView(false, "not read yet", List.of());
    private volatile Instant nodesForbiddenAt;
    private ScheduledExecutorService background;
    private KubernetesClient client;

    void start(@Observes StartupEvent ignored) {
        if ("false".equalsIgnoreCase(settings.enabled())) {
            unavailableReason = "cluster view switched off (podlab.cluster.enabled=false)";
        } else if (!identity.inKubernetes()) {
            unavailableReason = NOT_IN_CLUSTER;
        } else if (!Files.isReadable(identity.serviceAccount().resolve("token"))) {
            unavailableReason = "no service-account token in this pod (automountServiceAccountToken: false)";
        } else {
            unavailableReason = "starting: checking what this pod's ServiceAccount may read";
            background = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-view").daemon().factory());
            background.execute(this::checkAccessThenWatch); // off the startup path: the API server may be slow
            return;
        }
        LOG.infof("cluster view off: %s; /api/cluster says so", unavailableReason);
    }

    /** One small list of each kind: a 403 means no Role for the dashboard, said once, and no watch. */
    private void checkAccessThenWatch() {
        String ns = identity.namespace();
        var one = new ListOptionsBuilder().withLimit(1L).build();
        try {
            client = clients.get();
            client.pods().inNamespace(ns).list(one);
            client.discovery().v1().endpointSlices().inNamespace(ns).list(one);
            client.v1().events().inNamespace(ns).list(one);
            watch(ns);
        } catch (RuntimeException e) {
            if (ApiErrors.forbidden(e)) {
                unavailableReason = "not permitted: " + ApiErrors.message(e);
                LOG.infof("cluster view off: %s; /api/cluster says so (the app's manifest grants this with a Role)",
                        unavailableReason);
            } else {
                retryLater(e);
            }
        }
    }

    private void retryLater(RuntimeException e) {
        unavailableReason = "cannot reach the Kubernetes API: " + ApiErrors.message(e);
        problems.warn("cluster view: " + unavailableReason + "; trying again every 10 s");
        background.schedule(this::checkAccessThenWatch, 10, TimeUnit.SECONDS);
    }

    private void watch(String ns) {
        pods = client.pods().inNamespace(ns).withLabelSelector(settings.selector()).runnableInformer(0);
        slices = client.discovery().v1().endpointSlices().inNamespace(ns)
                .withLabel("kubernetes.io/service-name", settings.service()).runnableInformer(0);
        events = client.v1().events().inNamespace(ns).withField("involvedObject.kind", "Pod").runnableInformer(0);
        for (var informer : List.of(pods, slices, events)) {
            informer.exceptionHandler((watching, e) -> {
                unavailableReason = "cannot read the cluster: " + ApiErrors.message(e);
                problems.warn("cluster view: " + unavailableReason);
                return true; // keep retrying: RBAC or the API server may come back
            });
            informer.start();
        }
        background.scheduleWithFixedDelay(this::readNodes, 0, 2, TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(() -> metrics.read(client, ns), 0, 5, TimeUnit.SECONDS);
        LOG.infof("cluster view: watching pods %s, EndpointSlices of Service %s and events in namespace %s",
                settings.selector(), settings.service(), ns);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (background != null) {
            background.shutdownNow();
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

    /** A pod of the app, by name; empty when no such pod is known. */
    public Optional<Pod> pod(String name) {
        return available() ? Optional.ofNullable(pods.getIndexer().getByKey(identity.namespace() + "/" + name))
                : Optional.empty();
    }

    private void readNodes() {
        if (nodesForbiddenAt != null && nodesForbiddenAt.isAfter(Instant.now().minusSeconds(30))) {
            return; // no permission: ask again now and then, not every 2 s
        }
        try {
            List<NodeView> items = client.nodes().list().getItems().stream().map(ClusterMapper::node)
                    .sorted(Comparator.comparing(NodeView::name)).toList();
            nodes = new NodesView(true, null, items);
            nodesForbiddenAt = null;
        } catch (RuntimeException e) {
            nodesForbiddenAt = ApiErrors.forbidden(e) ? Instant.now() : null;
            nodes = new NodesView(false, ApiErrors.forbidden(e) ? "the ServiceAccount may not list nodes (no ClusterRole for nodes)"
                    : "cannot list nodes: " + ApiErrors.message(e), List.of());
        }
    }

    /** The current picture, from the informers' caches: no API call. Chaos data is not the watcher's: left null. */
    public ClusterView snapshot() {
        if (!available()) {
            return ClusterView.unavailable(unavailableReason, identity.pod());
        }
        return ClusterMapper.view(identity.pod(), identity.namespace(), settings.service(), Instant.now(), pods.getStore().list(),
                slices.getStore().list(), events.getStore().list(), nodes, metrics.latest());
    }

}

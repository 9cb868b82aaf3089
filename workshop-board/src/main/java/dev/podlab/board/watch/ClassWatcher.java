package dev.podlab.board.watch;

import dev.podlab.board.grid.Contract;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A local copy of the class, kept by three cluster-wide informers (one watch each, whatever the
 * number of browsers): attendees' namespaces and lab results, both by label, and pods. Pods carry
 * no workshop label (attendees make them), so all pods are watched and those outside attendees'
 * namespaces dropped when read. Read only: list and watch.
 */
@Singleton
public class ClassWatcher {
    private static final Logger LOG = Logger.getLogger(ClassWatcher.class);

    /** What the informers hold, attendees' namespaces only. */
    public record Snapshot(List<Namespace> namespaces, List<ConfigMap> results, List<Pod> pods) {
    }

    @Inject
    Instance<KubernetesClient> clients;

    private volatile String problem = "starting";
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<ConfigMap> results;
    private SharedIndexInformer<Pod> pods;

    void start(@Observes StartupEvent ignored) {
        try {
            KubernetesClient client = clients.get();
            namespaces = client.namespaces().withLabel(Contract.ATTENDEE).runnableInformer(0);
            results = client.configMaps().inAnyNamespace().withLabel(Contract.LAB).runnableInformer(0);
            pods = client.pods().inAnyNamespace().runnableInformer(0);
            for (var informer : List.of(namespaces, results, pods)) {
                informer.exceptionHandler((watching, e) -> {
                    problem = "cannot read the cluster: " + e.getMessage();
                    LOG.warn(problem);
                    return true; // keep trying: the API server or RBAC may come back
                });
                informer.start();
            }
            // fabric8 retries a failed first list by itself, without a word to the handler: say where it is asking
            problem = "listing attendees' namespaces, lab results and pods at " + client.getMasterUrl();
            LOG.infof("watching namespaces labelled %s, ConfigMaps labelled %s and pods, at %s", Contract.ATTENDEE,
                    Contract.LAB, client.getMasterUrl());
        } catch (RuntimeException e) {
            problem = "no Kubernetes client: " + e.getMessage();
            LOG.warn(problem);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        for (var informer : new SharedIndexInformer<?>[] {namespaces, results, pods}) {
            if (informer != null) {
                informer.stop();
            }
        }
    }

    /** True once every informer has its first full list; until then the board has nothing true to show. */
    public boolean synced() {
        return pods != null && namespaces.hasSynced() && results.hasSynced() && pods.hasSynced();
    }

    /** Why the board is not {@link #synced()}. */
    public String problem() {
        return problem;
    }

    /** From the informers' caches: no API call. */
    public Snapshot snapshot() {
        List<Namespace> ns = namespaces.getStore().list();
        Set<String> names = ns.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        return new Snapshot(ns, results.getStore().list().stream().filter(c -> names.contains(c.getMetadata().getNamespace())).toList(),
                pods.getStore().list().stream().filter(p -> names.contains(p.getMetadata().getNamespace())).toList());
    }
}

package dev.podlab.workshop.tenancy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The workshop's objects on a cluster: applied, found again by label, removed. */
public final class Tenancy {
    /** Requests in flight at once: about what the API server of a 2-core kind cluster takes best. */
    public static final int PARALLEL = 16;
    private final KubernetesClient client;

    public Tenancy(KubernetesClient client) {
        this.client = client;
    }

    /** The attendees this cluster has, by their namespaces' labels. */
    public Set<String> attendees() {
        return client.namespaces().withLabel(Names.PART_OF, Names.WORKSHOP).withLabel(Names.ATTENDEE).list().getItems()
                .stream().map(n -> n.getMetadata().getLabels().get(Names.ATTENDEE)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Those of {@link TenancyObjects#SHOWN_NAMESPACES} that exist here (podlab may not). */
    public List<String> shownNamespaces() {
        return TenancyObjects.SHOWN_NAMESPACES.stream()
                .filter(ns -> client.namespaces().withName(ns).get() != null).toList();
    }

    /**
     * Server-side applies {@code objects}: namespaces first, then everything else, each group
     * {@link #PARALLEL} requests at a time. The first refusal is thrown, naming the object;
     * the caller rolls back.
     */
    public void apply(List<HasMetadata> objects) {
        List<HasMetadata> namespaces = objects.stream().filter(o -> o instanceof Namespace).toList();
        List<HasMetadata> rest = objects.stream().filter(o -> !(o instanceof Namespace)).toList();
        parallel(namespaces, this::apply);
        parallel(rest, this::apply);
    }

    private void apply(HasMetadata o) {
        try {
            client.resource(o).fieldManager(Names.FIELD_MANAGER).serverSideApply();
        } catch (KubernetesClientException e) {
            String where = o.getMetadata().getNamespace() == null ? "" : " in " + o.getMetadata().getNamespace();
            throw new IllegalStateException("the cluster refused " + o.getKind() + " " + o.getMetadata().getName() + where
                    + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()), e);
        }
    }

    /**
     * Removes the attendees' objects, found by label, and waits up to {@code wait} until their
     * namespaces are gone. Rights go first (the RBAC authorizer drops them at once), then the
     * ServiceAccount, whose tokens the API server refuses about 10 s later, then the namespace.
     */
    public void remove(Collection<String> names, Duration wait) {
        if (names.isEmpty()) {
            return;
        }
        String[] values = names.toArray(String[]::new);
        client.rbac().clusterRoleBindings().withLabel(Names.PART_OF, Names.WORKSHOP).withLabelIn(Names.ATTENDEE, values).delete();
        for (String shown : shownNamespaces()) {
            client.rbac().roleBindings().inNamespace(shown).withLabel(Names.PART_OF, Names.WORKSHOP)
                    .withLabelIn(Names.ATTENDEE, values).delete();
        }
        parallel(List.copyOf(names), n -> client.serviceAccounts().inNamespace(Names.namespace(n)).withName(Names.SERVICE_ACCOUNT).delete());
        // A namespace of the name that the workshop did not make is left alone: only labelled ones go.
        List<Namespace> doomed = client.namespaces().withLabel(Names.PART_OF, Names.WORKSHOP)
                .withLabelIn(Names.ATTENDEE, values).list().getItems();
        parallel(doomed, ns -> client.resource(ns).delete());
        awaitGone(doomed.stream().map(ns -> ns.getMetadata().getName()).toList(), wait);
    }

    /**
     * Removes everything the workshop made: every attendee, the instructor's namespace (and the
     * board in it), the roles and bindings, and what a killed policy probe left.
     */
    public void removeAll(Duration wait) {
        remove(attendees(), wait);
        client.namespaces().withName(Names.INSTRUCTOR_NAMESPACE).delete();
        // namespaces have no delete-collection: one by one
        client.namespaces().withLabel(Names.PART_OF, Names.WORKSHOP).withLabel(Names.ROLE, PolicyProbe.PROBE).list()
                .getItems().forEach(ns -> client.resource(ns).delete());
        // with the attendees gone, the workshop's bindings left are the board's
        client.rbac().clusterRoleBindings().withLabel(Names.PART_OF, Names.WORKSHOP).delete();
        client.rbac().clusterRoles().withLabel(Names.PART_OF, Names.WORKSHOP).delete();
        awaitGone(List.of(Names.INSTRUCTOR_NAMESPACE), wait);
    }

    private void awaitGone(List<String> namespaces, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (String ns : namespaces) {
            while (client.namespaces().withName(ns).get() != null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("namespace " + ns + " is still there after " + wait.toSeconds()
                            + " s (`kubectl get ns " + ns + " -o yaml` shows what holds it)");
                }
                pause();
            }
        }
    }

    /** Runs {@code action} on each item, {@link #PARALLEL} at a time; rethrows the first failure. */
    public static <T> void parallel(List<T> items, Consumer<T> action) {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, items.size())))) {
            List<Future<?>> futures = items.stream().<Future<?>>map(i -> pool.submit(() -> action.accept(i))).toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The poll interval of the waits here. */
    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

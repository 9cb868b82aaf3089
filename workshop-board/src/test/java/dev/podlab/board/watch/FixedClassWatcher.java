package dev.podlab.board.watch;

import dev.podlab.board.grid.Contract;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The test seam: a class of 30 as the cluster would hold it, put through the real grid. Names are
 * as long as the workshop allows (20 characters); all but one have a result in each of the nine
 * labs (10/10, the widest) and seven pods in every state the page draws, so the page is as wide and
 * tall as it gets. {@link #STUCK} has been on lab 3 at 2/10 for 20 minutes; everyone else is on lab 9,
 * their latest result a minute old. Tests may replace a result ({@link #put}). Enabled by {@link Profile} only.
 */
@Alternative
@Singleton
public class FixedClassWatcher extends ClassWatcher {
    public static final List<String> NAMES = IntStream.rangeClosed(1, 30).mapToObj("workshop-attendee-%02d"::formatted).toList();
    public static final String STUCK = NAMES.get(6);
    private final Instant started = Instant.now();
    private final List<Namespace> namespaces = NAMES.stream().map(n -> new NamespaceBuilder().withNewMetadata().withName("ws-" + n)
            .addToLabels(Contract.ATTENDEE, n).endMetadata().build()).toList();
    private final List<Pod> pods = NAMES.stream().flatMap(n -> pods("ws-" + n).stream()).toList();
    private final List<ConfigMap> results = new ArrayList<>();

    public FixedClassWatcher() {
        for (int i = 0; i < NAMES.size(); i++) {
            String n = NAMES.get(i);
            if (n.equals(STUCK)) {
                put(n, 1, 10, 10, started.minusSeconds(3600));
                put(n, 2, 10, 10, started.minusSeconds(3000));
                put(n, 3, 2, 10, started.minusSeconds(20 * 60));
                continue;
            }
            // labs 1-8 finished, lab 9 (the latest, a minute old) at i of 10 steps: on it, not stuck
            for (int lab = 1; lab <= 9; lab++) {
                put(n, lab, lab == 9 ? i % 11 : 10, 10, started.minusSeconds((10 - lab) * 60L));
            }
        }
    }

    @Override
    void start(StartupEvent ignored) {
    }

    @Override
    public boolean synced() {
        return true;
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(namespaces, List.copyOf(results), pods);
    }

    /** Sets the result of {@code lab} for {@code attendee}, as a lab check writes it. */
    public synchronized void put(String attendee, int lab, int passed, int total, Instant since) {
        String ns = "ws-" + attendee;
        results.removeIf(c -> c.getMetadata().getNamespace().equals(ns) && c.getMetadata().getName().equals("lab-result-" + lab));
        results.add(new ConfigMapBuilder().withNewMetadata().withName("lab-result-" + lab).withNamespace(ns)
                .addToLabels(Contract.LAB, Integer.toString(lab)).endMetadata()
                .addToData(Contract.PASSED, Integer.toString(passed)).addToData(Contract.TOTAL, Integer.toString(total))
                .addToData(Contract.SINCE, since.toString()).build());
    }

    /** Seven pods: ready, not ready and restarting, creating, crash-looping, done, terminating, and a long bare name. */
    private List<Pod> pods(String ns) {
        return List.of(
                pod(ns, "web-7d9c8b6f5-x2kqp", "Running", true, 0, null, false),
                pod(ns, "web-7d9c8b6f5-m4n8z", "Running", false, 12, null, false),
                pod(ns, "web-7d9c8b6f5-q7w2r", "Pending", false, 0, "ContainerCreating", false),
                pod(ns, "broken-5f6d7c8b9a-zz9zz", "Running", false, 999, "CrashLoopBackOff", false),
                pod(ns, "once-abcde", "Succeeded", false, 0, null, false),
                pod(ns, "old-7d9c8b6f5-aaaaa", "Running", true, 1, null, true),
                pod(ns, "a-bare-pod-with-a-name-of-forty-chars-xx", "Running", true, 3, null, false));
    }

    private Pod pod(String ns, String name, String phase, boolean ready, int restarts, String waiting, boolean deleting) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withDeletionTimestamp(deleting ? started.toString() : null).endMetadata()
                .withNewStatus().withPhase(phase).addNewContainerStatus().withName("main").withReady(ready).withRestartCount(restarts)
                .withNewState().withWaiting(waiting == null ? null
                        : new io.fabric8.kubernetes.api.model.ContainerStateWaitingBuilder().withReason(waiting).build())
                .endState().endContainerStatus().endStatus().build();
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClassWatcher.class);
        }
    }
}

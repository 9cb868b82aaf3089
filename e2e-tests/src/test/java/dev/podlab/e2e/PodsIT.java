package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Pods: the basic unit": one or more containers sharing network, storage and a lifecycle; each pod its own IP. */
@Order(2)
class PodsIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(3);
    }

    @Test
    void aSingleContainerPodRuns() {
        Toolbox.start(ns, "single", null);

        Pod pod = ns.client().pods().inNamespace(ns.name()).withName("single").get();

        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getSpec().getContainers()).hasSize(1);
    }

    @Test
    void appAndSidecarShareTheNetworkNamespace() {
        Pod pod = app.readyPods().get(0);
        Toolbox debug = Toolbox.attach(ns, pod.getMetadata().getName());

        // One localhost for the whole pod: the app's port and the sidecar's port are both on it.
        assertThat(debug.getJson("localhost:8080/api/info").path("pod").asText()).isEqualTo(pod.getMetadata().getName());
        assertThat(debug.getJson("localhost:8081/stats").has("linesShipped")).isTrue();
    }

    @Test
    void aLineTheAppWritesComesOutOfTheSidecar() {
        Pod pod = app.readyPods().get(1);
        String marker = "marker-" + UUID.randomUUID();

        Toolbox.attach(ns, pod.getMetadata().getName()).getJson("localhost:8080/api/info?" + marker);

        // The app wrote the line to the shared emptyDir; only the sidecar prints it on stdout.
        await().atMost(Duration.ofSeconds(20)).until(() -> ns.client().pods().inNamespace(ns.name())
                .withName(pod.getMetadata().getName()).inContainer("sidecar-logger").getLog().lines()
                .anyMatch(l -> l.startsWith("[app.log] ") && l.contains(marker)));
    }

    @Test
    void everyReplicaHasItsOwnIpAndARecreatedPodGetsANewOne() {
        List<Pod> pods = app.readyPods();
        Set<String> ips = pods.stream().map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());
        assertThat(ips).hasSize(pods.size()).doesNotContainNull();

        Pod victim = pods.get(0);
        ns.client().resource(victim).delete();
        app.awaitReady(pods.size(), Duration.ofMinutes(2));

        Pod replacement = app.readyPods().stream()
                .filter(p -> pods.stream().noneMatch(o -> o.getMetadata().getName().equals(p.getMetadata().getName())))
                .findFirst().orElseThrow();
        assertThat(replacement.getStatus().getPodIP()).isNotEqualTo(victim.getStatus().getPodIP());
    }

    @Test
    void replicasSpreadAcrossWorkers() {
        Set<String> nodes = app.readyPods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());

        assertThat(nodes).hasSizeGreaterThanOrEqualTo(Math.min(2, ClusterIT.workers().size()));
    }
}

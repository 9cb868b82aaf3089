package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Pods;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

    /** Nothing in the pod asks for a node or an address: the scheduler and the network plugin give them. */
    @Test
    void aSingleContainerPodGetsANodeAndAnIpOfItsOwn() {
        Toolbox box = Toolbox.start(ns, "single", null);

        Pod pod = ns.client().pods().inNamespace(ns.name()).withName("single").get();
        String ip = pod.getStatus().getPodIP();

        assertThat(pod.getSpec().getNodeName()).as("the node the scheduler chose").isNotBlank();
        assertThat(ip).as("the pod's IP").isNotBlank();
        // Seen from inside its one container: the pod's name and the pod's IP.
        assertThat(box.sh("cat /proc/sys/kernel/hostname").trim()).isEqualTo("single");
        assertThat(box.sh("ip -4 -o addr show")).contains(" " + ip + "/");
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

    /**
     * The app in a bare pod, as `kubectl run` makes it: no Downward API env, the default service
     * account with no RBAC. It still tells the truth about itself and logs a few lines, not a
     * stack trace per retry of a cluster watch it may not do.
     */
    @Test
    void inABarePodTheAppTellsTheTruthAndStaysQuiet() {
        Pod bare = Pods.restricted("bare", Cluster.APP_IMAGE, "Always", null);
        bare.getMetadata().setLabels(java.util.Map.of("run", "bare"));
        // As `kubectl run` leaves it: a writable root (the app logs to /var/log/app), only the
        // settings Pod Security "restricted" insists on.
        bare.getSpec().getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false);
        ns.client().resource(bare).inNamespace(ns.name()).create();
        Pod running = ns.client().pods().inNamespace(ns.name()).withName("bare").waitUntilReady(2, TimeUnit.MINUTES);
        String ip = running.getStatus().getPodIP();
        Toolbox box = Toolbox.start(ns, "asker", null);

        var info = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> box.getJson("http://" + ip + ":8080/api/info"), j -> j.has("pod"));

        assertThat(info.path("pod").asText()).isEqualTo("bare");
        assertThat(info.path("namespace").asText()).isEqualTo(ns.name());
        assertThat(info.path("podIp").asText()).isEqualTo(ip);
        assertThat(info.path("node").asText()).isEqualTo("unknown");
        // Its one try to watch the cluster, refused: the default ServiceAccount has no Role.
        var logs = ns.client().pods().inNamespace(ns.name()).withName("bare");
        String log = await("bare's log saying once why its cluster view is off").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(logs::getLog, l -> l.contains("cluster view off: not permitted"));
        assertThat(log.lines().filter(l -> l.contains("cluster view off")).count()).as(log).isEqualTo(1);
        assertThat(log.lines().count()).as(log).isLessThan(50);
        assertThat(log).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void replicasSpreadAcrossTheNodesThatTakePods() {
        Set<String> nodes = app.readyPods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
        // Nodes without a NoSchedule taint: the two workers on kind, the one node of a throwaway cluster.
        long schedulable = ns.client().nodes().list().getItems().stream()
                .filter(n -> n.getSpec().getTaints() == null
                        || n.getSpec().getTaints().stream().noneMatch(t -> "NoSchedule".equals(t.getEffect())))
                .count();

        // The topology spread constraint puts the replicas on as many of them as it can.
        assertThat(nodes).hasSize((int) Math.min(app.readyPods().size(), schedulable));
    }
}

package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

        // bash's /dev/tcp: the sidecar image has no HTTP client, and needs none to prove localhost is shared.
        String answer = exec(pod, "sidecar-logger", "exec 3<>/dev/tcp/127.0.0.1/8080; "
                + "printf 'GET /api/info HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3");

        assertThat(answer).startsWith("HTTP/1.").contains(" 200 ").contains(pod.getMetadata().getName());
    }

    @Test
    void aLineTheAppWritesComesOutOfTheSidecar() {
        Pod pod = app.readyPods().get(0);
        String marker = "marker-" + UUID.randomUUID();

        exec(pod, "sidecar-logger", "exec 3<>/dev/tcp/127.0.0.1/8080; "
                + "printf 'GET /api/info?" + marker + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3");

        await().atMost(Duration.ofSeconds(20)).until(() -> ns.client().pods().inNamespace(ns.name())
                .withName(pod.getMetadata().getName()).inContainer("sidecar-logger").getLog().contains(marker));
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

    static String exec(Pod pod, String container, String script) {
        var out = new ByteArrayOutputStream();
        try (ExecWatch w = ns.client().pods().inNamespace(ns.name()).withName(pod.getMetadata().getName())
                .inContainer(container).writingOutput(out).exec("bash", "-c", script)) {
            w.exitCode().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Health checks": liveness restarts, readiness removes from the Service, startup holds both back. */
@Order(6)
class ProbesIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(2);
    }

    @Test
    void aBrokenLivenessProbeGetsTheContainerRestartedAndReadyAgain() {
        assertRestartedAfter("liveness/fail", "liveness restart");
    }

    @Test
    void aHungAppIsRestarted() {
        assertRestartedAfter("hang", "hang restart");
    }

    private void assertRestartedAfter(String chaos, String scenario) {
        Pod pod = app.readyPods().get(0);
        String name = pod.getMetadata().getName();
        int before = app.restarts(name);

        long t0 = System.currentTimeMillis();
        app.trigger(pod, chaos, null);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> app.restarts(name) > before);
        long restartedMs = System.currentTimeMillis() - t0;
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> Readiness.isPodReady(app.pod(name)));

        Report.record(scenario, Map.of("restartedAfterMs", restartedMs,
                "readyAgainAfterMs", System.currentTimeMillis() - t0));
    }

    @Test
    void aSlowStarterIsHeldBackByTheStartupProbeNotKilled() {
        app.setEnv("PODLAB_STARTUP_WARMUP", "20s");
        long t0 = System.currentTimeMillis();
        // A new pod during its warm-up: Running, not Ready, and not restarted by liveness.
        await().atMost(Duration.ofMinutes(1)).until(() -> app.pods().stream().anyMatch(ProbesIT::isNewAndRunning));
        Pod slow = app.pods().stream().filter(ProbesIT::isNewAndRunning).findFirst().orElseThrow();
        assertThat(Readiness.isPodReady(slow)).isFalse();

        app.awaitRollout(Duration.ofMinutes(3));
        long readyMs = System.currentTimeMillis() - t0;

        assertThat(app.pods()).allSatisfy(p -> assertThat(app.restarts(p.getMetadata().getName())).isZero());
        assertThat(readyMs).isGreaterThanOrEqualTo(20_000);
        // While the startup probe fails, the kubelet runs neither readiness nor liveness: the
        // warm-up shows as startup probe failures only (without a startup probe, as readiness ones).
        List<String> probeFailures = ns.client().v1().events().inNamespace(ns.name())
                .withField("involvedObject.name", slow.getMetadata().getName()).withField("reason", "Unhealthy")
                .list().getItems().stream().map(e -> e.getMessage()).toList();
        assertThat(probeFailures).isNotEmpty().allMatch(m -> m.startsWith("Startup probe failed"));
        Report.record("slow start (20 s warm-up)", Map.of("rolloutDoneAfterMs", readyMs));
    }

    static boolean isNewAndRunning(Pod p) {
        return "Running".equals(p.getStatus().getPhase()) && App.appContainer(p.getSpec()).getEnv().stream()
                .anyMatch(e -> e.getName().equals("PODLAB_STARTUP_WARMUP"));
    }
}

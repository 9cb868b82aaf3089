package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Pods;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Health checks": liveness restarts, readiness removes from the Service, startup holds both back. */
@Order(0) // the longest class (probes that must fail several times, a slow starter): it starts first
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
        await(name + " restarted after " + chaos).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> app.restarts(name) > before);
        long restartedMs = System.currentTimeMillis() - t0;
        assertKilledByItsLivenessProbe(name, t0);
        await(name + " Ready again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
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
        String name = slow.getMetadata().getName();
        assertThat(Readiness.isPodReady(slow)).isFalse();
        // A startup window shorter than the warm-up gets it killed: say so at once, not as a rollout timeout.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .failFast("the slow starter " + name + " was restarted during its warm-up", () -> app.restarts(name) > 0)
                .until(() -> Readiness.isPodReady(app.pod(name)));

        app.awaitRollout(Duration.ofMinutes(3));
        long readyMs = System.currentTimeMillis() - t0;

        assertThat(app.pods()).allSatisfy(p -> assertThat(app.restarts(p.getMetadata().getName())).isZero());
        assertThat(readyMs).isGreaterThanOrEqualTo(20_000);
        // While the startup probe fails, the kubelet runs neither readiness nor liveness: the
        // warm-up shows as startup probe failures only (without a startup probe, as readiness ones).
        List<String> probeFailures = ns.client().v1().events().inNamespace(ns.name())
                .withField("involvedObject.name", name).withField("reason", "Unhealthy")
                .list().getItems().stream().map(e -> e.getMessage()).toList();
        assertThat(probeFailures).as("probe failures of %s during its warm-up", name)
                .isNotEmpty().allMatch(m -> m.startsWith("Startup probe failed"));
        Report.record("slow start (20 s warm-up)", Map.of("rolloutDoneAfterMs", readyMs));
    }

    /**
     * The workshop text's "Health Checks" YAML, as written (liveness /health after 30 s every 10 s,
     * readiness /ready after 5 s every 5 s), on a pod running podlab's image: Ready, out of the
     * endpoints when readiness is switched off, restarted when liveness is.
     */
    @Test
    void theWorkshopTextsProbesWorkOnPodlabsImage() {
        Pod pod = Pods.restricted("text-probes", Cluster.APP_IMAGE, "Always", null,
                new EnvVar("PODLAB_CHAOS_ENABLED", "true", null), new EnvVar("PODLAB_CHAOS_TOKEN", App.CHAOS_TOKEN, null));
        pod.getMetadata().setLabels(Map.of("run", "text-probes"));
        Container c = pod.getSpec().getContainers().get(0);
        c.setName(App.NAME);
        c.setLivenessProbe(new ProbeBuilder().withNewHttpGet().withPath("/health").withNewPort(8080).endHttpGet()
                .withInitialDelaySeconds(30).withPeriodSeconds(10).build());
        c.setReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
                .withInitialDelaySeconds(5).withPeriodSeconds(5).build());
        // The app logs to /var/log/app: give it the volume its own manifest gives it.
        c.getVolumeMounts().add(new VolumeMountBuilder().withName("logs").withMountPath("/var/log/app").build());
        pod.getSpec().getVolumes().add(new VolumeBuilder().withName("logs").withNewEmptyDir().endEmptyDir().build());
        ns.client().resource(pod).inNamespace(ns.name()).create();
        ns.client().resource(new ServiceBuilder().withNewMetadata().withName("text-probes").endMetadata().withNewSpec()
                .addToSelector("run", "text-probes").addNewPort().withPort(80).withNewTargetPort(8080).endPort()
                .endSpec().build()).inNamespace(ns.name()).create();
        var pods = ns.client().pods().inNamespace(ns.name()).withName("text-probes");
        pods.waitUntilReady(2, TimeUnit.MINUTES);
        await().atMost(Duration.ofSeconds(30)).until(() -> endpointReady("text-probes").equals(Optional.of(true)));

        app.admin(pods.get(), "readiness/fail", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> endpointReady("text-probes").equals(Optional.of(false)));
        assertThat(pods.get().getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        app.admin(pods.get(), "readiness/recover", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> endpointReady("text-probes").equals(Optional.of(true)));

        long t0 = System.currentTimeMillis();
        app.admin(pods.get(), "liveness/fail", null).then().statusCode(200);
        // Three failed checks 10 s apart (after the 30 s initial delay), then the kubelet restarts it.
        await("text-probes restarted after liveness/fail").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pods.get().getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
        assertKilledByItsLivenessProbe("text-probes", t0);
        pods.waitUntilReady(2, TimeUnit.MINUTES);
    }

    /**
     * The app container was restarted because its liveness probe failed, as the pod's events and
     * the container's last state say: not OOMKilled, and not an exit of its own (a crash exits
     * with its own code; the kubelet stops it with SIGTERM, then SIGKILL after the grace period).
     */
    static void assertKilledByItsLivenessProbe(String pod, long sinceMs) {
        // Events carry whole seconds: the trigger's own second counts.
        Instant since = Instant.ofEpochMilli(sinceMs).truncatedTo(ChronoUnit.SECONDS);
        await("events of " + pod + " saying its liveness probe failed and got it restarted")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(eventsSince(pod, since))
                                .anyMatch(e -> e.startsWith("Unhealthy: Liveness probe failed"))
                                .anyMatch(e -> e.startsWith("Killing: ") && e.contains("failed liveness probe, will be restarted")));
        Pod p = ns.client().pods().inNamespace(ns.name()).withName(pod).get();
        ContainerStateTerminated last = p.getStatus().getContainerStatuses().stream()
                .filter(c -> c.getName().equals(App.NAME)).findFirst().orElseThrow().getLastState().getTerminated();
        assertThat(last).as("last state of %s's app container", pod).isNotNull();
        assertThat(last.getReason()).as("why %s's app container ended", pod).isNotEqualTo("OOMKilled");
        assertThat(last.getExitCode()).as("exit code of %s's app container: 143 (SIGTERM) or 137 (SIGKILL)", pod)
                .isIn(137, 143);
    }

    /** "reason: message" of the pod's events seen at or after {@code since}. */
    static List<String> eventsSince(String pod, Instant since) {
        return ns.client().v1().events().inNamespace(ns.name()).withField("involvedObject.name", pod).list().getItems()
                .stream().filter(e -> e.getLastTimestamp() != null && !Instant.parse(e.getLastTimestamp()).isBefore(since))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    /** The ready condition of the single endpoint behind Service {@code service}, if it has one. */
    static Optional<Boolean> endpointReady(String service) {
        return ns.client().discovery().v1().endpointSlices().inNamespace(ns.name())
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.empty() : s.getEndpoints().stream())
                .map(e -> Boolean.TRUE.equals(e.getConditions().getReady())).findFirst();
    }

    static boolean isNewAndRunning(Pod p) {
        return "Running".equals(p.getStatus().getPhase()) && App.appContainer(p.getSpec()).getEnv().stream()
                .anyMatch(e -> e.getName().equals("PODLAB_STARTUP_WARMUP"));
    }
}

package dev.podlab.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.podlab.app.cluster.ClusterView.Amounts;
import dev.podlab.app.cluster.ClusterView.EventView;
import dev.podlab.app.cluster.ClusterView.MetricsView;
import dev.podlab.app.cluster.ClusterView.NodeView;
import dev.podlab.app.cluster.ClusterView.NodesView;
import dev.podlab.app.cluster.ClusterView.PodView;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes objects built with fabric8's builders, as a watch would deliver them: no cluster, no Quarkus. */
class ClusterMapperTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final MetricsReader.Usage NO_METRICS = new MetricsReader.Usage(
            new MetricsView(false, MetricsReader.NO_API, false, MetricsReader.NO_API), Map.of(), Map.of());

    static Pod pod(String name, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName("worker").endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.7")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("app-service").withReady(true).withStarted(true).withRestartCount(2)
                .withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(3).endTerminated().endLastState()
                .endContainerStatus()
                .endStatus().build();
    }

    static Event event(String object, String type, String reason, String message, Instant last) {
        return new EventBuilder().withNewMetadata().withName(object + "." + reason).withNamespace("ns").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(object).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(3)
                .withLastTimestamp(last.toString()).build();
    }

    @Test
    void runningPodShowsItsStateRestartsAndLastProbeFailure() {
        Pod p = pod("app-service-abc-1", "2026-11-27T09:59:00Z");
        var failure = event("app-service-abc-1", "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                NOW.minusSeconds(5));

        PodView view = ClusterMapper.pod(p, NOW, List.of(failure), null);

        assertThat(view.name()).isEqualTo("app-service-abc-1");
        assertThat(view.node()).isEqualTo("worker");
        assertThat(view.podIp()).isEqualTo("10.244.1.7");
        assertThat(view.status()).isEqualTo("Running");
        assertThat(view.ready()).isTrue();
        assertThat(view.deleting()).isFalse();
        assertThat(view.restarts()).isEqualTo(2);
        assertThat(view.ageSeconds()).isEqualTo(60);
        assertThat(view.containers()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo("running");
            assertThat(c.lastTermination()).isEqualTo("Error, exit 3");
        });
        assertThat(view.lastProbeFailure().explanation()).isEqualTo("readiness probe failed: the app said it is not ready (HTTP 503)");
    }

    @Test
    void statusReadsLikeKubectl() {
        Pod crashing = new PodBuilder(pod("p", "2026-11-27T09:00:00Z")).editStatus().editFirstContainerStatus()
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build();
        Pod deleting = new PodBuilder(pod("p", "2026-11-27T09:00:00Z")).editMetadata()
                .withDeletionTimestamp("2026-11-27T09:59:59Z").endMetadata().build();
        Pod unscheduled = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec().build();

        assertThat(ClusterMapper.pod(crashing, NOW, List.of(), null).status()).isEqualTo("CrashLoopBackOff");
        assertThat(ClusterMapper.pod(crashing, NOW, List.of(), null).containers().getFirst().state()).isEqualTo("waiting");
        assertThat(ClusterMapper.pod(deleting, NOW, List.of(), null).status()).isEqualTo("Terminating");
        assertThat(ClusterMapper.pod(deleting, NOW, List.of(), null).deleting()).isTrue();
        assertThat(ClusterMapper.pod(unscheduled, NOW, List.of(), null).status()).isEqualTo("Pending");
        assertThat(ClusterMapper.pod(unscheduled, NOW, List.of(), null).ready()).isFalse();
    }

    @Test
    void endpointSlicesBecomeOneEndpointPerAddressSortedByIp() {
        var slice = new EndpointSliceBuilder().withNewMetadata().withName("app-service-xyz").endMetadata()
                .addNewEndpoint().withAddresses("10.244.2.9").withNodeName("worker2")
                .withNewTargetRef().withName("pod-b").endTargetRef()
                .withNewConditions().withReady(false).withServing(true).withTerminating(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.1.3").withNewTargetRef().withName("pod-a").endTargetRef()
                .withNewConditions().withReady(true).endConditions().endEndpoint()
                .build();
        var empty = new EndpointSliceBuilder().withNewMetadata().withName("empty").endMetadata().build();

        var endpoints = ClusterMapper.endpoints(List.of(slice, empty));

        assertThat(endpoints).extracting(e -> e.ip() + " " + e.pod() + " ready=" + e.ready() + " serving=" + e.serving()
                + " terminating=" + e.terminating())
                .containsExactly("10.244.1.3 pod-a ready=true serving=true terminating=false",
                        "10.244.2.9 pod-b ready=false serving=true terminating=true");
    }

    @Test
    void nodesShowReadinessRoleAndReasonWhenNotReady() {
        var ready = new NodeBuilder().withNewMetadata().withName("cp")
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .endStatus().build();
        var lost = new NodeBuilder().withNewMetadata().withName("worker").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown").withReason("NodeStatusUnknown")
                .endCondition().endStatus().build();

        assertThat(ClusterMapper.node(ready)).isEqualTo(new NodeView("cp", "Ready", true, null, null, new Amounts(null, null)));
        assertThat(ClusterMapper.node(lost)).isEqualTo(new NodeView("worker", "Unknown", false, "NodeStatusUnknown", null, new Amounts(null, null)));
    }

    @Test
    void podUsageIsItsContainersSumNextToTheirRequestsAndLimits() {
        Pod p = new PodBuilder(pod("app-service-abc-1", "2026-11-27T09:00:00Z")).editSpec()
                .addNewContainer().withName("app-service").withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("192Mi"))
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("384Mi")).endResources().endContainer()
                .addNewContainer().withName("sidecar-logger").withNewResources()
                .addToRequests("cpu", new Quantity("50m")).addToLimits("memory", new Quantity("192Mi")).endResources().endContainer()
                .endSpec().build();
        var metrics = new PodMetricsBuilder().withNewMetadata().withName("app-service-abc-1").endMetadata()
                .addNewContainer().withName("app-service").addToUsage("cpu", new Quantity("12345678n"))
                .addToUsage("memory", new Quantity("150000Ki")).endContainer()
                .addNewContainer().withName("sidecar-logger").addToUsage("cpu", new Quantity("2m"))
                .addToUsage("memory", new Quantity("50Mi")).endContainer().build();

        PodView view = ClusterMapper.pod(p, NOW, List.of(), ClusterMapper.usage(metrics));

        assertThat(view.usage()).isEqualTo(new Amounts(14L, 150_000L * 1024 + 50L * 1024 * 1024));
        assertThat(view.requests()).as("a container without a memory request adds none")
                .isEqualTo(new Amounts(150L, 192L * 1024 * 1024));
        assertThat(view.limits()).as("a container without a CPU limit: the pod has none")
                .isEqualTo(new Amounts(null, 576L * 1024 * 1024));
    }

    @Test
    void podWithoutResourcesOrMetricsHasNoAmounts() {
        PodView view = ClusterMapper.pod(pod("p", "2026-11-27T09:00:00Z"), NOW, List.of(), null);

        assertThat(view.usage()).isNull();
        assertThat(view.requests()).isEqualTo(new Amounts(null, null));
        assertThat(view.limits()).isEqualTo(new Amounts(null, null));
    }

    @Test
    void nodeUsageFromItsMetricsNextToWhatIsAllocatable() {
        var node = new NodeBuilder().withNewMetadata().withName("worker").endMetadata().withNewStatus()
                .addToAllocatable("cpu", new Quantity("8")).addToAllocatable("memory", new Quantity("16Gi"))
                .addNewCondition().withType("Ready").withStatus("False").withReason("KubeletNotReady").endCondition()
                .endStatus().build();
        var metrics = new NodeMetricsBuilder().withNewMetadata().withName("worker").endMetadata()
                .addToUsage("cpu", new Quantity("298m")).addToUsage("memory", new Quantity("333Mi")).build();
        var usage = new MetricsReader.Usage(new MetricsView(true, null, true, null), Map.of(),
                Map.of("worker", ClusterMapper.usage(metrics)));

        ClusterView view = ClusterMapper.view("me", "ns", "app-service", NOW, List.of(), List.of(), List.of(),
                new NodesView(true, null, List.of(ClusterMapper.node(node))), usage);

        assertThat(view.nodes().items()).containsExactly(new NodeView("worker", "NotReady", false, "KubeletNotReady",
                new Amounts(298L, 333L * 1024 * 1024), new Amounts(8000L, 16L * 1024 * 1024 * 1024)));
        assertThat(view.metrics().nodes()).isTrue();
    }

    @Test
    void theViewSaysWhyThereAreNoMetrics() {
        ClusterView view = ClusterMapper.view("me", "ns", "app-service", NOW, List.of(pod("app-service-abc-1", "2026-11-27T09:00:00Z")),
                List.of(), List.of(), new NodesView(false, "forbidden", List.of()), NO_METRICS);

        assertThat(view.metrics()).isEqualTo(new MetricsView(false, "no metrics API (metrics-server) in this cluster",
                false, "no metrics API (metrics-server) in this cluster"));
        assertThat(view.pods()).singleElement().satisfies(p -> assertThat(p.usage()).isNull());
        assertThat(view.nodes().items()).singleElement().satisfies(n -> assertThat(n.usage()).isNull());
    }

    @Test
    void withoutPermissionToListNodesThePodsNodesAreShownWithStatusUnknown() {
        var pods = List.of(ClusterMapper.pod(pod("a", "2026-11-27T09:00:00Z"), NOW, List.of(), null));

        NodesView nodes = ClusterMapper.nodesWithFallback(new NodesView(false, "forbidden", List.of()), pods);

        assertThat(nodes.reason()).isEqualTo("forbidden");
        assertThat(nodes.items()).containsExactly(new NodeView("worker", "Unknown", false, null, null, null));
    }

    @Test
    void onlyTheAppsEventsOfTheLastFifteenMinutesNewestFirst() {
        var events = List.of(
                event("app-service-abc-1", "Normal", "Started", "Started container", NOW.minusSeconds(30)),
                event("app-service-abc-1", "Warning", "FailedMount", "MountVolume.SetUp failed", NOW.minusSeconds(20 * 60)),
                event("app-service-gone-2", "Normal", "Killing", "Stopping container", NOW.minusSeconds(10)),
                event("other-pod", "Normal", "Pulled", "Pulled image", NOW.minusSeconds(5)));

        List<EventView> recent = ClusterMapper.recentEvents(events, Set.of("app-service-abc-1"), "app-service", NOW);

        assertThat(recent).extracting(EventView::reason).containsExactly("Killing", "Started");
    }

    @Test
    void eventTimeFallsBackToEventTimeThenCreation() {
        Event modern = new EventBuilder(event("p", "Normal", "Scheduled", "ok", NOW)).withLastTimestamp(null)
                .withEventTime(new MicroTime("2026-11-27T09:58:00.123456Z")).build();
        Event bare = new EventBuilder(modern).withEventTime(null).editMetadata()
                .withCreationTimestamp("2026-11-27T09:57:00Z").endMetadata().build();

        assertThat(ClusterMapper.event(modern).time()).isEqualTo(Instant.parse("2026-11-27T09:58:00.123456Z"));
        assertThat(ClusterMapper.event(bare).time()).isEqualTo(Instant.parse("2026-11-27T09:57:00Z"));
        assertThat(ClusterMapper.event(bare).explanation()).isNull();
    }

    @Test
    void wholeViewCarriesNoChaosDataOfItsOwn() {
        ClusterView view = ClusterMapper.view("me", "ns", "app-service", NOW, List.of(pod("app-service-abc-1", "2026-11-27T09:00:00Z")),
                List.of(), List.of(), new NodesView(true, null, List.of()), NO_METRICS);

        assertThat(view.available()).isTrue();
        assertThat(view.chaos()).isNull();
        assertThat(view.pods()).extracting(PodView::name).containsExactly("app-service-abc-1");
        assertThat(view.withChaos(new ClusterView.ChaosInfo(true, false)).chaos().enabled()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Readiness probe failed: HTTP probe failed with statuscode: 503 | readiness probe failed: the app said it is not ready (HTTP 503)
            Liveness probe failed: HTTP probe failed with statuscode: 503 | liveness probe failed: the app said it is broken and needs a restart (HTTP 503)
            Startup probe failed: HTTP probe failed with statuscode: 503 | startup probe failed: the app said it is still starting (HTTP 503)
            Liveness probe failed: HTTP probe failed with statuscode: 500 | liveness probe failed: the app answered HTTP 500
            'Startup probe failed: Get "http://10.244.1.7:8080/q/health/started": dial tcp 10.244.1.7:8080: connect: connection refused' | startup probe failed: nothing listens on the port (connection refused): the app has not started yet, or has stopped
            'Liveness probe failed: Get "http://10.244.1.7:8080/q/health/live": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' | liveness probe failed: no answer in time (timeout): the app hangs or is overloaded
            'Readiness probe failed: Get "http://10.244.1.7:8080/q/health/ready": read tcp 10.244.1.1:51234->10.244.1.7:8080: read: connection reset by peer' | readiness probe failed: the connection dropped: the app is stopping or crashed
            Readiness probe errored: rpc error: code = NotFound desc = container is not running | readiness probe failed: the probe could not run: rpc error: code = NotFound desc = container is not running
            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory | liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory
            """)
    void probeFailuresInPlainWords(String message, String explanation) {
        assertThat(ClusterMapper.explainProbe(message)).isEqualTo(explanation);
        assertThat(ClusterMapper.event(event("p", "Warning", "Unhealthy", message, NOW)).explanation()).isEqualTo(explanation);
    }

    @Test
    void otherMessagesAreNotProbeFailures() {
        assertThat(ClusterMapper.explainProbe("Back-off restarting failed container app-service")).isNull();
        assertThat(ClusterMapper.explainProbe(null)).isNull();
        assertThat(ClusterMapper.event(event("p", "Warning", "BackOff", "Back-off restarting", NOW)).explanation()).isNull();
    }
}

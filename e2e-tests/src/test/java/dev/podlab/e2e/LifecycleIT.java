package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.Pods;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Pod lifecycle": Pending, Running, Succeeded, Failed, and CrashLoopBackOff with its restarts counted. */
@Order(5)
class LifecycleIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();

    @Test
    void aPodNoNodeCanHoldStaysPendingAndTheSchedulerSaysWhy() {
        Pod pod = Pods.restricted("too-big", Cluster.TOOLBOX_IMAGE, "Always", null);
        pod.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("1000"))).build());
        ns.client().resource(pod).inNamespace(ns.name()).create();

        await().atMost(Duration.ofSeconds(60)).until(() -> ns.client().v1().events().inNamespace(ns.name()).list()
                .getItems().stream().anyMatch(e -> "FailedScheduling".equals(e.getReason())
                        && "too-big".equals(e.getInvolvedObject().getName())
                        && e.getMessage().contains("Insufficient cpu")));
        assertThat(phase("too-big")).isEqualTo("Pending");
    }

    @Test
    void aOneShotPodThatExitsZeroEndsSucceeded() {
        ns.client().resource(Pods.oneShot("exits-0", 0, "Never")).inNamespace(ns.name()).create();

        await().atMost(Duration.ofMinutes(2)).until(() -> "Succeeded".equals(phase("exits-0")));
    }

    @Test
    void aOneShotPodThatExitsNonZeroEndsFailedWithItsExitCode() {
        ns.client().resource(Pods.oneShot("exits-3", 3, "Never")).inNamespace(ns.name()).create();

        await().atMost(Duration.ofMinutes(2)).until(() -> "Failed".equals(phase("exits-3")));
        var terminated = pod("exits-3").getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
    }

    /**
     * kubectl's STATUS column says CrashLoopBackOff: the container waits out a growing back-off
     * between restarts, while the pod's phase stays Running (it may still recover).
     */
    @Test
    void aContainerThatKeepsFailingIsInCrashLoopBackOffWithGrowingRestarts() {
        ns.client().resource(Pods.oneShot("exits-1", 1, "OnFailure")).inNamespace(ns.name()).create();

        ContainerStatus first = await("exits-1 in CrashLoopBackOff after a failed run").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> status("exits-1"), LifecycleIT::inCrashLoopBackOff);
        // The first back-off is 10 s, the next 20 s: the kubelet keeps trying.
        ContainerStatus later = await("exits-1 restarted again after its back-off").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> status("exits-1"),
                        c -> inCrashLoopBackOff(c) && c.getRestartCount() > first.getRestartCount());

        assertThat(later.getLastState().getTerminated().getExitCode()).as("exit code of the last run").isEqualTo(1);
        assertThat(phase("exits-1")).isEqualTo("Running");
    }

    static boolean inCrashLoopBackOff(ContainerStatus c) {
        return c != null && c.getState().getWaiting() != null && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason());
    }

    static ContainerStatus status(String name) {
        var statuses = pod(name).getStatus().getContainerStatuses();
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    static Pod pod(String name) {
        return ns.client().pods().inNamespace(ns.name()).withName(name).get();
    }

    static String phase(String name) {
        return pod(name).getStatus().getPhase();
    }
}

package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.Pods;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Pod lifecycle": Pending, Running, Succeeded, Failed, and restarts counted. */
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

    @Test
    void aContainerThatKeepsFailingIsRestartedAndTheRestartsAreCounted() {
        ns.client().resource(Pods.oneShot("exits-1", 1, "OnFailure")).inNamespace(ns.name()).create();

        await().atMost(Duration.ofMinutes(2)).until(() -> {
            var statuses = pod("exits-1").getStatus().getContainerStatuses();
            return !statuses.isEmpty() && statuses.get(0).getRestartCount() >= 1;
        });
        assertThat(phase("exits-1")).isIn("Running", "Pending");
    }

    static Pod pod(String name) {
        return ns.client().pods().inNamespace(ns.name()).withName(name).get();
    }

    static String phase(String name) {
        return pod(name).getStatus().getPhase();
    }
}

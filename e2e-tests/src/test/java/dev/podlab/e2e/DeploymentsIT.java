package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.AloneOnOneNode;
import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** "Replicas with Deployments": self-healing, scaling, and rolling updates. */
@Order(7)
@ResourceLock(providers = AloneOnOneNode.class) // scales to 5 replicas
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentsIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(3);
    }

    @Test
    @Order(1)
    void aDeletedPodIsReplaced() {
        List<Pod> before = app.readyPods();
        Pod victim = before.get(0);

        ns.client().resource(victim).delete();
        app.awaitReady(3, Duration.ofMinutes(2));

        assertThat(ServicesIT.names(app.readyPods())).doesNotContain(victim.getMetadata().getName()).hasSize(3);
    }

    @Test
    @Order(2)
    void scalesUpAndDown() {
        app.scale(5);
        assertThat(app.readyPods()).hasSize(5);

        app.scale(2);
        assertThat(app.readyPods()).hasSize(2);
    }

    @Test
    @Order(3)
    void rollsOutANewVersion() {
        app.setEnv("PODLAB_VERSION", "2.0.0");
        app.awaitRollout(Duration.ofMinutes(3));

        Toolbox box = Toolbox.start(ns, "client", null);
        // The old pods are terminating once the rollout is done; kube-proxy stops sending them
        // traffic at its next rule sync, later under load: ten answers in a row from 2.0.0, within 30 s.
        long t0 = System.currentTimeMillis();
        await("ten answers in a row from version 2.0.0").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(box.sh("for i in $(seq 10); do curl -sf --max-time 3 http://app-service/api/info; echo; done")
                        .lines().filter(l -> !l.isBlank()).toList())
                        .hasSize(10).allSatisfy(l -> assertThat(l).contains("\"version\":\"2.0.0\"")));
        Report.record("rollout: traffic on the new version only", Map.of("afterRolloutMs", System.currentTimeMillis() - t0));
    }
}

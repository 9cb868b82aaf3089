package dev.podlab.workshop.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardObjectsTest {
    private static final List<HasMetadata> BOARD = BoardObjects.objects("podlab/workshop-board:1.0.0", null);

    private static <T> T one(Class<T> kind) {
        return BOARD.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
    }

    @Test
    void readsNamespacesPodsAndConfigMapsOnly() {
        ClusterRole role = one(ClusterRole.class);
        assertThat(role.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("");
            assertThat(r.getResources()).containsExactlyInAnyOrder("namespaces", "pods", "configmaps");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
        ClusterRoleBinding binding = one(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("workshop-board");
            assertThat(s.getNamespace()).isEqualTo("podlab-workshop");
        });
    }

    @Test
    void oneReplicaWithProbesResourcesAndAService() {
        Deployment d = one(Deployment.class);
        var pod = d.getSpec().getTemplate().getSpec();
        var c = pod.getContainers().getFirst();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getServiceAccountName()).isEqualTo("workshop-board");
        assertThat(c.getImage()).isEqualTo("podlab/workshop-board:1.0.0");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        Service s = one(Service.class);
        assertThat(s.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector());
        assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(c.getEnv()).as("the board's own default").isEmpty();
    }

    @Test
    void stuckAfterGoesToTheBoardsSetting() {
        Deployment d = BoardObjects.objects("i", "10m").stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .singleElement().satisfies(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("BOARD_STUCK_AFTER=10m"));
    }

    @Test
    void everyObjectIsTheWorkshopsAndInTheInstructorsNamespace() {
        assertThat(BOARD).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "podlab-workshop").containsEntry("podlab.dev/workshop-role", "board"));
        assertThat(BOARD).filteredOn(o -> !(o instanceof ClusterRole || o instanceof ClusterRoleBinding))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("podlab-workshop"));
    }
}

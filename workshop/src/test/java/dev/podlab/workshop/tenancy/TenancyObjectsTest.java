package dev.podlab.workshop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlab.workshop.plan.Size;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenancyObjectsTest {
    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final List<HasMetadata> ALICE = TenancyObjects.attendee("alice", Size.S, Instant.EPOCH, TenancyObjects.SHOWN_NAMESPACES);

    private static List<PolicyRule> rules(String role) {
        return TenancyObjects.shared().stream().filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(role))
                .map(o -> ((ClusterRole) o).getRules()).findFirst().orElseThrow();
    }

    private static List<PolicyRule> allRules() {
        return List.of(TenancyObjects.ATTENDEE_ROLE, TenancyObjects.NODES_ROLE, TenancyObjects.VIEWER_ROLE).stream()
                .flatMap(r -> rules(r).stream()).toList();
    }

    @Test
    void noRoleGrantsSecretsRbacNamespacesOrTokens() {
        assertThat(allRules()).flatExtracting(PolicyRule::getResources).doesNotContain("secrets", "roles", "rolebindings",
                "clusterroles", "clusterrolebindings", "namespaces", "serviceaccounts", "serviceaccounts/token", "*");
        assertThat(allRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "escalate", "bind", "impersonate");
    }

    @Test
    void fencesAndClusterWideAndSharedNamespacesAreReadOnly() {
        for (PolicyRule r : rules(TenancyObjects.ATTENDEE_ROLE)) {
            if (r.getResources().stream().anyMatch(Set.of("resourcequotas", "limitranges", "networkpolicies", "endpointslices")::contains)) {
                assertThat(READ).as(r.toString()).containsAll(r.getVerbs());
            }
        }
        for (String role : List.of(TenancyObjects.NODES_ROLE, TenancyObjects.VIEWER_ROLE)) {
            assertThat(rules(role)).allSatisfy(r -> assertThat(READ).as(role + " " + r).containsAll(r.getVerbs()));
        }
    }

    @Test
    void theLabsVerbsAreThere() {
        assertThat(rules(TenancyObjects.ATTENDEE_ROLE)).flatExtracting(PolicyRule::getResources).contains("pods", "pods/log",
                "pods/exec", "pods/attach", "pods/portforward", "pods/ephemeralcontainers", "deployments", "deployments/scale",
                "replicasets", "services", "endpointslices", "configmaps", "jobs", "poddisruptionbudgets", "events");
    }

    @Test
    void everyObjectOfAnAttendeeIsLabelledAndTheNamespaceComesFirst() {
        assertThat(ALICE.get(0)).isInstanceOf(Namespace.class);
        assertThat(ALICE).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry(Names.PART_OF, Names.WORKSHOP).containsEntry(Names.ATTENDEE, "alice"));
        assertThat(ALICE.get(0).getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
        assertThat(ALICE).filteredOn(o -> o.getMetadata().getNamespace() != null && !o.getMetadata().getNamespace().equals("ws-alice"))
                .extracting(HasMetadata::getKind).containsOnly("RoleBinding").hasSize(3);
    }

    @Test
    void quotaCountsObjectsToo() {
        ResourceQuota quota = ALICE.stream().filter(o -> o instanceof ResourceQuota).map(o -> (ResourceQuota) o).findFirst().orElseThrow();
        assertThat(quota.getSpec().getHard()).containsKeys("requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
                "pods", "services", "services.nodeports", "services.loadbalancers");
        assertThat(quota.getSpec().getHard().get("requests.cpu").toString()).isEqualTo("500m");
    }
}

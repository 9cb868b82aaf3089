package dev.podlab.workshop.board;

import dev.podlab.workshop.tenancy.Names;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructor board (the workshop-board module) in the instructor's namespace: its own
 * ServiceAccount, a ClusterRole that only reads namespaces, pods and ConfigMaps, a Deployment of one
 * replica and a LoadBalancer Service (on kind, MetalLB gives it an address the host reaches).
 */
public final class BoardObjects {
    public static final String NAME = "workshop-board";
    /** The Service's port. */
    public static final int PORT = 80;
    private static final String APP = "app.kubernetes.io/name";
    private static final int HTTP = 8080;

    private BoardObjects() {
    }

    public static Map<String, String> selector() {
        return Map.of(APP, NAME);
    }

    /** @param stuckAfter the board's BOARD_STUCK_AFTER (e.g. 10m), or null for its default */
    public static List<HasMetadata> objects(String image, String stuckAfter) {
        Map<String, String> labels = new HashMap<>(Names.workshop());
        labels.put(Names.ROLE, "board");
        labels.putAll(selector());
        String ns = Names.INSTRUCTOR_NAMESPACE;
        String role = Names.WORKSHOP + "-board";
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(ns).withLabels(labels).endMetadata().build(),
                new ClusterRoleBuilder().withNewMetadata().withName(role).withLabels(labels).endMetadata()
                        .addNewRule().withApiGroups("").withResources("namespaces", "pods", "configmaps")
                        .withVerbs("get", "list", "watch").endRule().build(),
                new ClusterRoleBindingBuilder().withNewMetadata().withName(role).withLabels(labels).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(ns).endSubject().build(),
                new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(ns).withLabels(labels).endMetadata()
                        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(selector()).endSelector()
                        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                        .withServiceAccountName(NAME).withTerminationGracePeriodSeconds(5L)
                        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1001L)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                        .addNewContainer().withName(NAME).withImage(image)
                        // The tag is the project version, which every build reuses: a new pod gets what make deploy pushed last.
                        .withImagePullPolicy("Always")
                        .addNewPort().withName("http").withContainerPort(HTTP).endPort()
                        .withEnv(stuckAfter == null ? List.of() : List.of(new EnvVar("BOARD_STUCK_AFTER", stuckAfter, null)))
                        .withStartupProbe(probe("/health", 2, 30)).withLivenessProbe(probe("/health", 10, 3))
                        .withReadinessProbe(probe("/ready", 2, 1))
                        .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("128Mi"))
                        .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("256Mi")).endResources()
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                        .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .endContainer()
                        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec().endTemplate().endSpec().build(),
                new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace(ns).withLabels(labels).endMetadata()
                        .withNewSpec().withType("LoadBalancer").withSelector(selector())
                        .addNewPort().withName("http").withPort(PORT).withTargetPort(new IntOrString("http")).endPort()
                        .endSpec().build());
    }

    private static Probe probe(String path, int period, int failures) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(period).withFailureThreshold(failures).withTimeoutSeconds(2).build();
    }
}

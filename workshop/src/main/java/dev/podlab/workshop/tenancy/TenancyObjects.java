package dev.podlab.workshop.tenancy;

import dev.podlab.workshop.plan.Size;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Kubernetes objects of a class, built in memory; {@link Tenancy} applies them. */
public final class TenancyObjects {
    /** Bound in the attendee's own namespace: what the nine labs do there, nothing more. */
    static final String ATTENDEE_ROLE = "podlab-workshop-attendee";
    /** Bound cluster-wide: nodes and their metrics, read only (get nodes, top node, describe node). */
    static final String NODES_ROLE = "podlab-workshop-nodes";
    /** Bound in {@link #SHOWN_NAMESPACES}: the workloads labs show there, read only; never Secrets. */
    static final String VIEWER_ROLE = "podlab-workshop-viewer";
    /** Namespaces labs look into: CoreDNS and the per-node DaemonSets, node leases, the app (lab 6). */
    public static final List<String> SHOWN_NAMESPACES = List.of("kube-system", "kube-node-lease", "podlab");

    private static final String[] READ = {"get", "list", "watch"};
    private static final String[] WRITE = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"};

    private TenancyObjects() {
    }

    /** The roles every attendee is bound to, and the instructor's namespace. */
    public static List<HasMetadata> shared() {
        return List.of(
                new NamespaceBuilder().withNewMetadata().withName(Names.INSTRUCTOR_NAMESPACE)
                        .withLabels(Map.of(Names.PART_OF, Names.WORKSHOP, Names.ROLE, "instructor")).endMetadata().build(),
                role(ATTENDEE_ROLE,
                        rule("", WRITE, "pods", "services", "configmaps"),
                        rule("", new String[] {"get"}, "pods/log", "pods/status"),
                        // kubectl exec, attach (run -i), port-forward: websocket upgrades are GETs, SPDY ones creates.
                        rule("", new String[] {"get", "create"}, "pods/exec", "pods/attach", "pods/portforward"),
                        rule("", new String[] {"get", "patch", "update"}, "pods/ephemeralcontainers"), // kubectl debug
                        rule("", READ, "endpoints", "events", "resourcequotas", "limitranges"),
                        rule("apps", WRITE, "deployments", "replicasets"),
                        rule("apps", new String[] {"get", "patch", "update"}, "deployments/scale", "replicasets/scale"),
                        rule("batch", WRITE, "jobs"),
                        rule("policy", WRITE, "poddisruptionbudgets"),
                        rule("discovery.k8s.io", READ, "endpointslices"),
                        rule("events.k8s.io", READ, "events"),
                        rule("networking.k8s.io", READ, "networkpolicies"),
                        rule("metrics.k8s.io", new String[] {"get", "list"}, "pods")),
                role(NODES_ROLE,
                        rule("", READ, "nodes"),
                        rule("metrics.k8s.io", new String[] {"get", "list"}, "nodes")),
                role(VIEWER_ROLE,
                        rule("", READ, "pods", "services", "endpoints", "events"),
                        rule("apps", READ, "deployments", "replicasets", "daemonsets"),
                        rule("discovery.k8s.io", READ, "endpointslices"),
                        rule("coordination.k8s.io", READ, "leases")));
    }

    /**
     * One attendee's objects, namespace first. {@code shownNamespaces}: those of
     * {@link #SHOWN_NAMESPACES} this cluster has. The ServiceAccount carries when its token
     * expires, so status and the board can show it.
     */
    public static List<HasMetadata> attendee(String name, Size size, Instant tokenExpires, List<String> shownNamespaces) {
        String ns = Names.namespace(name);
        Map<String, String> labels = Names.attendee(name);
        List<HasMetadata> out = new ArrayList<>();
        out.add(new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels).addToLabels(Names.ROLE, "attendee")
                // as the labs' namespaces: baseline keeps pods off the host, restricted only warns
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .addToLabels("pod-security.kubernetes.io/warn", "restricted")
                .endMetadata().build());
        out.add(new ServiceAccountBuilder().withNewMetadata().withName(Names.SERVICE_ACCOUNT).withNamespace(ns)
                .withLabels(labels).addToAnnotations(Names.TOKEN_EXPIRES, tokenExpires.toString()).endMetadata()
                // its pods need no API token: the attendee's own kubeconfig holds one
                .withAutomountServiceAccountToken(false).build());
        out.add(new RoleBindingBuilder().withNewMetadata().withName(Names.SERVICE_ACCOUNT).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", ATTENDEE_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(Names.SERVICE_ACCOUNT).withNamespace(ns).endSubject().build());
        out.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(Names.WORKSHOP + "-" + name + "-nodes").withLabels(labels).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NODES_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(Names.SERVICE_ACCOUNT).withNamespace(ns).endSubject().build());
        for (String shown : shownNamespaces) {
            out.add(new RoleBindingBuilder().withNewMetadata().withName(ns + "-viewer").withNamespace(shown).withLabels(labels).endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", VIEWER_ROLE)
                    .addNewSubject().withKind("ServiceAccount").withName(Names.SERVICE_ACCOUNT).withNamespace(ns).endSubject().build());
        }
        out.add(new ResourceQuotaBuilder().withNewMetadata().withName("attendee").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .addToHard("requests.cpu", new Quantity(size.requestsCpuMillis + "m"))
                .addToHard("requests.memory", new Quantity(size.requestsMemoryMiB + "Mi"))
                .addToHard("limits.cpu", new Quantity(size.limitsCpuMillis + "m"))
                .addToHard("limits.memory", new Quantity(size.limitsMemoryMiB + "Mi"))
                .addToHard("pods", new Quantity(Integer.toString(size.pods)))
                .addToHard("services", new Quantity(Integer.toString(size.services)))
                .addToHard("services.nodeports", new Quantity(Integer.toString(size.nodePorts)))
                .addToHard("services.loadbalancers", new Quantity(Integer.toString(size.loadBalancers)))
                .endSpec().build());
        // A quota on requests and limits makes both mandatory: these fill them in for a bare `kubectl run`.
        // The request is small on purpose: the labs' pods mostly idle, and it is what a class books.
        out.add(new LimitRangeBuilder().withNewMetadata().withName("attendee").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().addNewLimit().withType("Container")
                .addToDefaultRequest("cpu", new Quantity("10m")).addToDefaultRequest("memory", new Quantity("64Mi"))
                .addToDefault("cpu", new Quantity("500m")).addToDefault("memory", new Quantity("256Mi"))
                .endLimit().endSpec().build());
        out.add(isolation(ns, labels));
        return out;
    }

    /**
     * Ingress to every pod of {@code ns} only from pods of {@code ns} and of the instructor's
     * namespace. Egress (DNS included) is left alone.
     */
    public static NetworkPolicy isolation(String ns, Map<String, String> labels) {
        return new NetworkPolicyBuilder().withNewMetadata().withName("attendee-isolation").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().endPodSelector().endFrom()
                .addNewFrom().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", Names.INSTRUCTOR_NAMESPACE).endNamespaceSelector().endFrom()
                .endIngress().endSpec().build();
    }

    private static ClusterRole role(String name, PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(Names.workshop()).endMetadata()
                .withRules(rules).build();
    }

    private static PolicyRule rule(String group, String[] verbs, String... resources) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }
}

package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Repo;
import dev.podlab.e2e.support.Shell;
import dev.podlab.e2e.support.ThrowawayKind;
import dev.podlab.e2e.support.ThrowawayOnly;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workshop on a cluster podlab did not make, as an instructor runs it there:
 * {@code KUBE_CONTEXT=... REGISTRY=... make workshop-up}. The cluster is the throwaway node
 * (Testcontainers made it: no podlab registry setup, no MetalLB, no metrics-server), set up as
 * its admin would: its containerd pulls from the registry `make deploy` pushed to, and its CNI
 * does not enforce NetworkPolicy (kube-router's firewall off), which workshop-up must find out
 * with live traffic and say loudly rather than promise an isolation that is not there.
 */
@ThrowawayOnly("points the node's containerd at podlab's registry and switches NetworkPolicy enforcement off")
@Order(98)
@TestMethodOrder(OrderAnnotation.class)
class WorkshopOnAnyClusterIT {
    private static final String ATTENDEE = "ann";
    private static final Path DIR = Repo.path("e2e-tests/target/workshop-any-cluster");
    /** Where the throwaway cluster pulls podlab's images from: the registry of `make deploy`. */
    private static final String REGISTRY = Cluster.APP_IMAGE.substring(0, Cluster.APP_IMAGE.lastIndexOf('/'));
    private static KubernetesClient admin;
    private static Map<String, String> env;
    private static String up;

    @BeforeAll
    static void classUp() throws IOException {
        ThrowawayKind.Started node = Cluster.throwawayNode();
        admin = node.client();
        Files.createDirectories(DIR);
        Path kubeconfig = DIR.resolve("admin.kubeconfig");
        Files.writeString(kubeconfig, node.kubeconfig());
        pullFromRegistry(node.containerId());
        firewallOff();
        env = Map.of("KUBECONFIG", kubeconfig.toString(), "KUBE_CONTEXT", currentContext(node.kubeconfig()),
                "REGISTRY", REGISTRY, "ATTENDEES", ATTENDEE, "WORKSHOP_DIR", DIR.toString(), "WORKSHOP_SIZE", "xs");
        up = workshop("up");
    }

    @Test
    @Order(1)
    void upMakesTheClassAndSaysLoudlyThatNothingIsolatesTheAttendees() {
        assertThat(up).contains("1 attendee(s) made")
                .contains("WARNING: NO ISOLATION BETWEEN ATTENDEES. NetworkPolicy is NOT enforced")
                .doesNotContain("isolation: enforced");
        assertThat(admin.namespaces().withName("ws-" + ATTENDEE).get().getMetadata().getLabels())
                .containsEntry("podlab.dev/attendee", ATTENDEE);
    }

    @Test
    @Order(2)
    void theBoardRunsFromTheRegistryTheClusterPullsFrom() {
        List<Pod> board = admin.pods().inNamespace("podlab-workshop").withLabel("app.kubernetes.io/name", "workshop-board")
                .list().getItems();

        assertThat(board).hasSize(1);
        assertThat(Readiness.isPodReady(board.get(0))).as("board pod Ready").isTrue();
        assertThat(board.get(0).getSpec().getContainers().get(0).getImage()).startsWith(REGISTRY + "/workshop-board:");
        // No MetalLB here: no EXTERNAL-IP, and the port-forward line is how the instructor opens it.
        assertThat(up).contains("port-forward svc/workshop-board");
    }

    @Test
    @Order(3)
    void theAttendeesKubeconfigWorksThereInTheirNamespaceOnly() {
        Path file = DIR.resolve(ATTENDEE + ".kubeconfig");
        try (KubernetesClient ann = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(file))).build()) {
            String ns = ann.getNamespace();
            assertThat(ns).isEqualTo("ws-" + ATTENDEE);
            ann.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("hello").endMetadata()
                    .addToData("from", ATTENDEE).build()).create();
            assertThat(ann.configMaps().inNamespace(ns).withName("hello").get().getData()).containsEntry("from", ATTENDEE);
            assertThatThrownBy(() -> ann.secrets().inNamespace("kube-system").list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        } catch (IOException e) {
            throw new IllegalStateException(file + " not written by workshop-up", e);
        }
    }

    @Test
    @Order(4)
    void downRemovesTheClassAndItsKubeconfig() {
        workshop("down");

        assertThat(admin.namespaces().withName("ws-" + ATTENDEE).get()).isNull();
        assertThat(DIR.resolve(ATTENDEE + ".kubeconfig")).doesNotExist();
    }

    private static String workshop(String command) {
        String out = Shell.run(env, Repo.path("hack/workshop.sh").toString(), command);
        System.out.printf("$ hack/workshop.sh %s (%s)%n%s%n", command, env, out);
        return out;
    }

    /**
     * kind's local-registry setup on this node: containerd reads registry hosts from certs.d, and
     * the registry's host name there goes to the registry container (both on Docker's bridge).
     */
    private static void pullFromRegistry(String container) {
        String host = REGISTRY.substring(0, REGISTRY.indexOf('/'));
        String registryName = Repo.properties("hack/versions.env", "the registry's container name").getProperty("REGISTRY_NAME");
        String ip = Shell.run("docker", "inspect", "-f", "{{.NetworkSettings.Networks.bridge.IPAddress}}", registryName).trim();
        assertThat(ip).as("registry %s on Docker's bridge network (`make deploy` starts it)", registryName).isNotBlank();
        Shell.run("docker", "exec", container, "sh", "-euc", """
                mkdir -p /etc/containerd/certs.d/%1$s
                printf '[host."http://%2$s:5000"]\\n' >/etc/containerd/certs.d/%1$s/hosts.toml
                grep -q config_path /etc/containerd/config.toml || printf '%3$s' >>/etc/containerd/config.toml
                systemctl restart containerd
                """.formatted(host, ip, "\\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\\n  config_path = \"/etc/containerd/certs.d\"\\n"));
        Cluster.awaitKubeSystemSettled();
    }

    /** The CNI's NetworkPolicy controller off (kube-router --run-firewall=false), rolled out. */
    private static void firewallOff() {
        DaemonSet router = admin.apps().daemonSets().inNamespace("kube-system").list().getItems().stream()
                .filter(ds -> ds.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getArgs() != null && c.getArgs().contains("--run-firewall=true")))
                .findFirst().orElseThrow(() -> new AssertionError("no DaemonSet in kube-system runs kube-router with "
                        + "--run-firewall=true: is the throwaway node's CNI podlab's kube-router (hack/cni/kube-router.yaml)?"));
        String name = router.getMetadata().getName();
        admin.apps().daemonSets().inNamespace("kube-system").withName(name).edit(ds -> {
            ds.getSpec().getTemplate().getSpec().getContainers().forEach(c -> c.setArgs(c.getArgs() == null ? null
                    : c.getArgs().stream().map(a -> a.equals("--run-firewall=true") ? "--run-firewall=false" : a).toList()));
            return ds;
        });
        await("kube-router rolled out with its firewall off").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreException(KubernetesClientException.class).until(() -> {
                    DaemonSet ds = admin.apps().daemonSets().inNamespace("kube-system").withName(name).get();
                    var s = ds.getStatus();
                    return s != null && Objects.equals(s.getObservedGeneration(), ds.getMetadata().getGeneration())
                            && Objects.equals(s.getUpdatedNumberScheduled(), s.getDesiredNumberScheduled())
                            && Objects.equals(s.getNumberReady(), s.getDesiredNumberScheduled());
                });
        Cluster.awaitKubeSystemSettled();
    }

    private static String currentContext(String kubeconfig) {
        Matcher m = Pattern.compile("(?m)^current-context:\\s*\"?([^\"\\s]+)").matcher(kubeconfig);
        assertThat(m.find()).as("current-context in the throwaway node's kubeconfig").isTrue();
        return m.group(1);
    }
}

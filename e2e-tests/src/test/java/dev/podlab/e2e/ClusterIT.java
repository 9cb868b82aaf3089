package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Pods;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Nodes: where pods run": the cluster itself, its DNS, and traffic between nodes. */
@dev.podlab.e2e.support.MultiNode("checks its three nodes and traffic from one worker to another")
@Order(1)
class ClusterIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();

    @Test
    void allNodesAreReady() {
        List<Node> nodes = ns.client().nodes().list().getItems();
        assertThat(nodes).allSatisfy(n -> assertThat(Readiness.isNodeReady(n)).as(n.getMetadata().getName()).isTrue());
        if (Cluster.isKind()) {
            assertThat(nodes).hasSize(3);
            assertThat(workers()).hasSize(2);
        }
    }

    @Test
    void coreDnsRunsAndResolvesTheApiServer() {
        List<Pod> dns = ns.client().pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems();
        assertThat(dns).isNotEmpty().allSatisfy(p -> assertThat(Readiness.isPodReady(p)).isTrue());
        String apiIp = ns.client().services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();

        Toolbox box = Toolbox.start(ns, "dns", null);

        assertThat(box.sh("dig +short kubernetes.default.svc.cluster.local").trim()).isEqualTo(apiIp);
    }

    @Test
    void aPodOnOneWorkerReachesAPodOnTheOtherThroughAService() {
        List<String> workers = workers();
        assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
        App app = new App(ns).deploy(1);
        String appNode = app.pods().get(0).getSpec().getNodeName();
        String otherWorker = workers.stream().filter(w -> !w.equals(appNode)).findFirst().orElseThrow();

        Toolbox box = Toolbox.start(ns, "client", otherWorker);
        var answer = box.getJson("http://app-service/api/info");

        assertThat(box.node()).isNotEqualTo(appNode);
        assertThat(answer.path("node").asText()).isEqualTo(appNode);
    }

    /** "View node resources: kubectl top node" (and top pod): metrics-server answers for every node and app pod. */
    @Test
    void kubectlTopAnswersForNodesAndPods() {
        List<String> nodes = ns.client().nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
        List<String> appPods = ns.client().pods().inNamespace("podlab").withLabel("app.kubernetes.io/name", App.NAME)
                .list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(appPods).isNotEmpty();

        // metrics-server scrapes every 15 s: a new pod may need one or two rounds.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            var nodeUsage = ns.client().top().nodes().metrics().getItems();
            assertThat(nodeUsage).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(nodes);
            assertThat(nodeUsage).allSatisfy(m -> {
                assertThat(Quantity.getAmountInBytes(m.getUsage().get("memory")).signum()).isPositive();
                assertThat(Quantity.getAmountInBytes(m.getUsage().get("cpu")).signum()).isPositive();
            });
            var podUsage = ns.client().top().pods().metrics("podlab").getItems();
            assertThat(podUsage).extracting(m -> m.getMetadata().getName()).containsAll(appPods);
            assertThat(podUsage).filteredOn(m -> appPods.contains(m.getMetadata().getName()))
                    .allSatisfy(m -> assertThat(m.getContainers()).hasSize(2).allSatisfy(c ->
                            assertThat(Quantity.getAmountInBytes(c.getUsage().get("memory")).signum()).isPositive()));
        });
    }

    /** "The kubelet pulls the container image": from the local registry, as events and the image ID show. */
    @Test
    void theKubeletPullsTheImageFromTheLocalRegistry() throws Exception {
        Pod pod = Pods.oneShot("pulled", 0, "Never");
        pod.getSpec().getContainers().get(0).setImagePullPolicy("Always");
        ns.client().resource(pod).inNamespace(ns.name()).create();
        Pod done = ns.client().pods().inNamespace(ns.name()).withName("pulled")
                .waitUntilCondition(p -> "Succeeded".equals(p.getStatus().getPhase()), 2, TimeUnit.MINUTES);

        List<String> events = ns.client().v1().events().inNamespace(ns.name())
                .withField("involvedObject.name", "pulled").list().getItems().stream()
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
        assertThat(events).anyMatch(e -> e.startsWith("Pulling: ") && e.contains(Cluster.APP_IMAGE))
                .anyMatch(e -> e.startsWith("Pulled: Successfully pulled image \"" + Cluster.APP_IMAGE));
        assertThat(done.getStatus().getContainerStatuses().get(0).getImageID()).endsWith("@" + registryDigest(Cluster.APP_IMAGE));
    }

    /**
     * `make deploy`'s own pods run the images it pushed: their spec names them, and each container
     * runs exactly the manifest the registry serves for that tag (the status may show another
     * name the node knows the same digest by).
     */
    @Test
    void theWorkshopPodsRunTheImagesPushedToTheRegistry() throws Exception {
        List<Pod> pods = ns.client().pods().inNamespace("podlab").withLabel("app.kubernetes.io/name", App.NAME)
                .list().getItems();
        assertThat(pods).isNotEmpty();
        for (Pod pod : pods) {
            for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
                String expected = c.getName().equals(App.NAME) ? Cluster.APP_IMAGE : Cluster.SIDECAR_IMAGE;
                String image = pod.getSpec().getContainers().stream().filter(s -> s.getName().equals(c.getName()))
                        .findFirst().orElseThrow().getImage();
                assertThat(image).as(pod.getMetadata().getName() + "/" + c.getName()).isEqualTo(expected);
                assertThat(c.getImageID()).endsWith("@" + registryDigest(expected));
            }
        }
    }

    /** The manifest digest the local registry serves for {@code ref} (registry/repository:tag). */
    static String registryDigest(String ref) throws Exception {
        String path = ref.substring(ref.indexOf('/') + 1);
        int colon = path.lastIndexOf(':');
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + Cluster.REGISTRY.substring(Cluster.REGISTRY.indexOf(':') + 1) + "/v2/"
                        + path.substring(0, colon) + "/manifests/" + path.substring(colon + 1)))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as("registry answer for " + ref).isEqualTo(200);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    static List<String> workers() {
        return Cluster.client().nodes().list().getItems().stream()
                .filter(n -> !n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
                .map(n -> n.getMetadata().getName()).sorted().toList();
    }
}

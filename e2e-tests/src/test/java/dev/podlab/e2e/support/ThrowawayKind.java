package dev.podlab.e2e.support;

import static org.awaitility.Awaitility.await;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * -Dpodlab.cluster=testcontainers: one kind-style node that Testcontainers starts (kindcontainer)
 * from podlab's node image (hack/node-image.sh; kind's public one where that is not built and can
 * be pulled), with the images under test imported into it. Ryuk cannot run here, so this class
 * removes the node and its volume itself: at the end of the JVM, and at start whatever a killed
 * run left behind.
 */
public final class ThrowawayKind {
    /** On the node container, so that leftovers are found; the Makefile's e2e-throwaway sweeps it too. */
    private static final String LABEL = "dev.podlab.throwaway";
    private static final String CONTAINERD_DIR = "/var/lib/containerd";
    private static final Properties VERSIONS = Repo.properties("hack/versions.env", "where the node image and the versions are pinned");

    private ThrowawayKind() {
    }

    /** Starts the node with {@code nodePort} published, loads {@code images}, waits for kube-system. */
    @SuppressWarnings("resource") // lives as long as the test JVM; stopped by a shutdown hook
    static Started start(int nodePort, List<String> images) {
        removeLeftovers();
        String image = nodeImage();
        KindContainer<?> node = new KindContainer<>(new KubernetesImageSpec<>(kubernetesVersion()).withImage(image));
        node.withLabel(LABEL, "true");
        node.withExposedPorts(nodePort);
        // kindcontainer waits until every exposed port answers; the test node port answers only
        // once a test makes its Service. Its start already waits for the API server and the node.
        node.waitingFor(Wait.forListeningPorts(node.getInternalPort()));
        node.withCreateContainerCmdModifier(ThrowawayKind::fitForThisHost);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node)));
        long t0 = System.currentTimeMillis();
        try {
            node.start();
        } catch (RuntimeException e) {
            stop(node);
            throw new IllegalStateException("the throwaway cluster from " + image + " did not start", e);
        }
        long nodeReady = System.currentTimeMillis() - t0;
        images.forEach(i -> Cluster.importImage(node.getContainerId(), i));
        long loaded = System.currentTimeMillis() - t0;
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(node.getKubeconfig())).build();
        awaitKubeSystemReady(client);
        Report.record("throwaway cluster (" + Cluster.PROVIDER + ")", Map.of("image", image,
                "startToNodeReadyMs", nodeReady, "imagesLoadedMs", loaded, "kubeSystemReadyMs", System.currentTimeMillis() - t0));
        return new Started(client, "http://" + node.getHost() + ":" + node.getMappedPort(nodePort),
                node.getContainerId(), node.getKubeconfig());
    }

    /** The node: a client, the test node port's URL on the host, its container and an admin kubeconfig. */
    public record Started(KubernetesClient client, String nodePortBase, String containerId, String kubeconfig) {
    }

    /**
     * The kubelet crash-loops in the host's cgroup namespace (Docker's default on these cgroup v1
     * hosts), and kindcontainer's {@code nocopy} volume on /var/lib/containerd hides the images the
     * node image preloads: a private cgroup namespace, and the volume filled from the image.
     */
    private static void fitForThisHost(CreateContainerCmd cmd) {
        var host = cmd.getHostConfig();
        host.withCgroupnsMode("private");
        host.withBinds(Arrays.stream(host.getBinds())
                .map(b -> CONTAINERD_DIR.equals(b.getVolume().getPath()) ? new Bind(b.getPath(), b.getVolume()) : b)
                .toArray(Bind[]::new));
    }

    private static void stop(KindContainer<?> node) {
        try {
            node.stop(); // removes the container, then kindcontainer's named volume
        } finally {
            removeLeftovers();
        }
    }

    /**
     * Node containers of earlier runs, and kindcontainer volumes no container uses. At JVM exit
     * Testcontainers' own hook removes the container at the same time, and a volume is in use until
     * its container is gone: so this tries again for up to 30 s.
     */
    private static void removeLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            nodes(docker).forEach(id -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
            unusedVolumes(docker).forEach(v -> docker.removeVolumeCmd(v).exec());
            return nodes(docker).isEmpty() && unusedVolumes(docker).isEmpty();
        });
    }

    private static List<String> nodes(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "true")).exec().stream()
                .map(c -> c.getId()).toList();
    }

    private static List<String> unusedVolumes(DockerClient docker) {
        return docker.listVolumesCmd().withDanglingFilter(true).exec().getVolumes().stream()
                .map(v -> v.getName()).filter(n -> n.startsWith("kindcontainer-")).toList();
    }

    /** podlab's node image when it is here; else kind's public one where it can be pulled. */
    private static String nodeImage() {
        String own = VERSIONS.getProperty("NODE_IMAGE");
        try {
            DockerClientFactory.instance().client().inspectImageCmd(own).exec();
            return own;
        } catch (NotFoundException e) {
            // Testcontainers' image names take a digest or a tag, not both: the digest pins it.
            String pub = VERSIONS.getProperty("PUBLIC_NODE_IMAGE").replaceFirst(":[^/@]+@", "@");
            try {
                Shell.run("docker", "pull", "-q", pub);
            } catch (IllegalStateException offline) {
                throw new IllegalStateException(own + " is not here and " + pub + " cannot be pulled: `hack/node-image.sh` builds "
                        + own + " (`make cluster` does too when offline)", offline);
            }
            return pub;
        }
    }

    /** The library's version whose Kubernetes version the node image carries (versions.env). */
    private static KindContainerVersion kubernetesVersion() {
        String wanted = VERSIONS.getProperty("KINDCONTAINER_KUBERNETES_VERSION");
        return Arrays.stream(KindContainerVersion.values())
                .filter(v -> v.descriptor().getKubernetesVersion().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("kindcontainer has no Kubernetes " + wanted + " ("
                        + Arrays.toString(KindContainerVersion.values()) + "): fix KINDCONTAINER_KUBERNETES_VERSION in hack/versions.env"));
    }

    private static void awaitKubeSystemReady(KubernetesClient client) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            var pods = client.pods().inNamespace("kube-system").list().getItems();
            return !pods.isEmpty() && pods.stream().allMatch(Readiness::isPodReady);
        });
    }
}

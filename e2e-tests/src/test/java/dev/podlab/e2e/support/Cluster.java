package dev.podlab.e2e.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The cluster every IT runs against, chosen by -Dpodlab.cluster:
 * {@code kind} (default) is the current kube context, the cluster `make cluster` made;
 * {@code testcontainers} is a throwaway single node from podlab's node image ({@link ThrowawayKind});
 * {@code k3s} is a throwaway Testcontainers k3s (only where rancher/k3s can be pulled).
 * The throwaway ones are single nodes: {@link MultiNode} classes do not run there.
 * A missing cluster fails the test run: it never turns into a skip.
 */
public final class Cluster {
    public static final String PROVIDER = System.getProperty("podlab.cluster", "kind");
    /** The images `make deploy` just built and pushed, by content tag: never an older build left on a node. */
    private static final Properties IMAGES = Repo.properties("target/deploy/images.properties",
            "written by hack/deploy.sh: run `make deploy` first");
    public static final String APP_IMAGE = IMAGES.getProperty("app");
    public static final String SIDECAR_IMAGE = IMAGES.getProperty("sidecar");
    public static final String TOOLBOX_IMAGE = IMAGES.getProperty("toolbox");
    /** Where those images live; the kind nodes pull from it (hack/registry.sh). */
    public static final String REGISTRY = APP_IMAGE.substring(0, APP_IMAGE.indexOf('/'));
    private static final String K3S_IMAGE = "rancher/k3s:v1.34.4-k3s1";
    private static final List<String> IMAGES_UNDER_TEST = List.of(APP_IMAGE, SIDECAR_IMAGE, TOOLBOX_IMAGE);

    /** The node port kind maps to 127.0.0.1 for tests; `make deploy`'s app has another. */
    public static final int TEST_NODE_PORT = KindPorts.read().spare();

    private static KubernetesClient client;
    private static ThrowawayKind.Started throwaway;
    private static String nodePortBase = "http://127.0.0.1:" + TEST_NODE_PORT;

    private Cluster() {
    }

    public static synchronized KubernetesClient client() {
        if (client == null) {
            client = switch (PROVIDER) {
                case "kind" -> currentContext();
                case "testcontainers" -> throwawayKind();
                case "k3s" -> throwawayK3s();
                default -> throw new IllegalStateException("podlab.cluster must be kind, testcontainers or k3s, not " + PROVIDER);
            };
        }
        return client;
    }

    public static boolean isKind() {
        return "kind".equals(PROVIDER);
    }

    /** The throwaway clusters have one node; the kind cluster has three (k8s/kind/cluster.yaml). */
    public static boolean isSingleNode() {
        return !isKind();
    }

    /**
     * Runs a read-modify-write (fabric8's edit) again when the object changed in between, as
     * kubectl does: controllers update a Deployment's or Pod's status all the time.
     */
    public static <T> T retryOnConflict(Supplier<T> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return edit.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Base URL on the host of a NodePort Service using {@link #TEST_NODE_PORT}. */
    public static String nodePortUrl() {
        client();
        return nodePortBase;
    }

    private static KubernetesClient currentContext() {
        KubernetesClient c = new KubernetesClientBuilder().build();
        try {
            c.getKubernetesVersion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("No Kubernetes cluster is reachable through the current kube context ("
                    + e.getMessage() + "). Run `make cluster` first, or -Dpodlab.cluster=testcontainers.", e);
        }
        return c;
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; stopped by a shutdown hook
    private static KubernetesClient throwawayK3s() {
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
        k3s.addExposedPort(TEST_NODE_PORT);
        k3s.start();
        nodePortBase = "http://" + k3s.getHost() + ":" + k3s.getMappedPort(TEST_NODE_PORT);
        Runtime.getRuntime().addShutdownHook(new Thread(k3s::stop));
        IMAGES_UNDER_TEST.forEach(image -> importImage(k3s.getContainerId(), image));
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
    }

    private static KubernetesClient throwawayKind() {
        throwaway = ThrowawayKind.start(TEST_NODE_PORT, IMAGES_UNDER_TEST);
        nodePortBase = throwaway.nodePortBase();
        return throwaway.client();
    }

    /** The throwaway node of {@code -Dpodlab.cluster=testcontainers}, for a {@link ThrowawayOnly} class. */
    public static synchronized ThrowawayKind.Started throwawayNode() {
        client();
        if (throwaway == null) {
            throw new IllegalStateException("no throwaway node: -Dpodlab.cluster is " + PROVIDER + ", not testcontainers");
        }
        return throwaway;
    }

    /**
     * After a change to the node (its containerd restarted, its CNI rolled): waits until the API
     * server answers and every kube-system pod is Ready, five looks in a row 1 s apart (the API
     * server may go away and come back meanwhile).
     */
    public static void awaitKubeSystemSettled() {
        int[] inARow = {0};
        await("the API server answers and kube-system is Ready, 5 looks in a row").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    boolean ready;
                    try {
                        var pods = client().pods().inNamespace("kube-system").list().getItems();
                        ready = !pods.isEmpty() && pods.stream().allMatch(Readiness::isPodReady);
                    } catch (KubernetesClientException e) {
                        ready = false;
                    }
                    inARow[0] = ready ? inARow[0] + 1 : 0;
                    return inARow[0] >= 5;
                });
    }

    /**
     * A throwaway node cannot pull from the kind cluster's registry: the images go from the host's
     * Docker into the node's containerd under the same names (the pods pull IfNotPresent).
     */
    static void importImage(String container, String image) {
        Shell.run("bash", "-c", "set -o pipefail; docker save " + image + " | docker exec -i " + container + " ctr -n k8s.io images import -");
    }
}

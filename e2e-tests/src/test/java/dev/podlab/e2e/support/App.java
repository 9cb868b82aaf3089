package dev.podlab.e2e.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.http.NoHttpResponseException;

/**
 * app-service deployed into a test namespace from the manifests the Quarkus Kubernetes
 * extension generated (k8s/base/generated/app-service.yml), exactly what `make deploy` applies.
 */
public final class App {
    public static final String NAME = "app-service";
    public static final Path MANIFEST = Path.of(System.getProperty("podlab.repo.root", ".."),
            "k8s/base/generated/app-service.yml");
    /** The chaos API is off in the generated manifest; test deployments turn it on behind this token. */
    public static final String CHAOS_TOKEN = "e2e-" + Long.toHexString(System.nanoTime());
    private static final String TOKEN_HEADER = "X-Chaos-Token";

    /** A hung pod must not hang the test: chaos calls give up after 5 s. */
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5000)
                    .setParam("http.connection.timeout", 5000));

    private final TestNamespace ns;

    public App(TestNamespace ns) {
        this.ns = ns;
    }

    /** Creates the Deployment and its ClusterIP Service with {@code replicas} pods, and waits for all Ready. */
    public App deploy(int replicas) {
        long t0 = System.currentTimeMillis();
        create(replicas, Map.of());
        awaitReady(replicas, Duration.ofMinutes(3));
        Report.record("deploy to all Ready: " + ns.name().replaceAll("-[0-9a-f]+$", ""),
                Map.of("replicas", replicas, "readyAfterMs", System.currentTimeMillis() - t0));
        return this;
    }

    /** Creates the Deployment with extra env for the app container, without waiting. */
    public App create(int replicas, Map<String, String> env) {
        for (HasMetadata resource : load()) {
            if (resource instanceof Deployment d) {
                d.getSpec().setReplicas(replicas);
                PodSpec spec = d.getSpec().getTemplate().getSpec();
                var container = appContainer(spec);
                container.setImage(Cluster.APP_IMAGE);
                spec.getContainers().stream().filter(c -> !c.getName().equals(NAME))
                        .forEach(c -> c.setImage(Cluster.SIDECAR_IMAGE));
                container.getEnv().add(new EnvVar("PODLAB_CHAOS_ENABLED", "true", null));
                container.getEnv().add(new EnvVar("PODLAB_CHAOS_TOKEN", CHAOS_TOKEN, null));
                env.forEach((k, v) -> container.getEnv().add(new EnvVar(k, v, null)));
            }
            client().resource(resource).inNamespace(ns.name()).create();
        }
        return this;
    }

    /** Sets an env var of the app container: a new pod template, so a rolling update. */
    public void setEnv(String name, String value) {
        Cluster.retryOnConflict(() -> client().apps().deployments().inNamespace(ns.name()).withName(NAME).edit(d -> {
            var env = appContainer(d.getSpec().getTemplate().getSpec()).getEnv();
            env.removeIf(e -> e.getName().equals(name));
            env.add(new EnvVar(name, value, null));
            return d;
        }));
    }

    /** Waits until the Deployment's rollout is complete: every pod updated, available and Ready. */
    public void awaitRollout(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            Deployment d = deployment();
            var st = d.getStatus();
            int want = d.getSpec().getReplicas();
            return st != null && d.getMetadata().getGeneration().equals(st.getObservedGeneration())
                    && Objects.equals(st.getUpdatedReplicas(), want) && Objects.equals(st.getReadyReplicas(), want)
                    && Objects.equals(st.getReplicas(), want) && pods().size() == want;
        });
    }

    public static List<HasMetadata> load() {
        try (InputStream in = new FileInputStream(MANIFEST.toFile())) {
            return Cluster.client().load(in).items();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + MANIFEST + ": run `make manifests`", e);
        }
    }

    public Deployment deployment() {
        return client().apps().deployments().inNamespace(ns.name()).withName(NAME).get();
    }

    /** Pods of the app that are not being deleted. */
    public List<Pod> pods() {
        return client().pods().inNamespace(ns.name()).withLabel("app.kubernetes.io/name", NAME).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    public List<Pod> readyPods() {
        return pods().stream().filter(Readiness::isPodReady).toList();
    }

    public void awaitReady(int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> readyPods().size() == count && pods().size() == count);
    }

    public void scale(int replicas) {
        Cluster.retryOnConflict(() -> client().apps().deployments().inNamespace(ns.name()).withName(NAME).scale(replicas));
        awaitReady(replicas, Duration.ofMinutes(3));
    }

    /**
     * A NodePort Service on {@link Cluster#TEST_NODE_PORT}, reachable from the host. The port is
     * one for the cluster: this waits while another class has it.
     */
    public String exposeNodePort() {
        ns.claimNodePort();
        Service svc = new ServiceBuilder().withNewMetadata().withName(NAME + "-nodeport").endMetadata()
                .withNewSpec().withType("NodePort").addToSelector("app.kubernetes.io/name", NAME)
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080)
                .withNodePort(Cluster.TEST_NODE_PORT).endPort().endSpec().build();
        client().resource(svc).inNamespace(ns.name()).create();
        String url = Cluster.nodePortUrl();
        // Until kube-proxy has rewritten its rules, the port may still lead to the class that had it before.
        await("node port " + Cluster.TEST_NODE_PORT + " answering from " + ns.name()).atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> {
                    Response answer = RestAssured.get(url + "/api/info");
                    return answer.statusCode() == 200 && ns.name().equals(answer.path("namespace"));
                });
        return url;
    }

    /** Calls the chaos API of one pod through a port-forward, the way an instructor targets one pod. */
    public Response admin(Pod pod, String path, String jsonBody) {
        try (LocalPortForward pf = client().pods().inNamespace(ns.name()).withName(pod.getMetadata().getName())
                .portForward(8080)) {
            var req = RestAssured.given().config(TIMEOUTS).contentType("application/json")
                    .header(TOKEN_HEADER, CHAOS_TOKEN);
            if (jsonBody != null) {
                req.body(jsonBody);
            }
            return req.post("http://127.0.0.1:" + pf.getLocalPort() + "/admin/" + path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's container; the pod also has the sidecar, in no guaranteed order. */
    public static Container appContainer(PodSpec spec) {
        return spec.getContainers().stream().filter(c -> c.getName().equals(NAME)).findFirst().orElseThrow();
    }

    /**
     * Like {@link #admin} for switches that take the pod down with the request (hang, crash): a
     * connection that dies with the container is the point, but an answer must be a success, and
     * any other failure (a broken port-forward, a timeout) fails at once with its cause.
     */
    public void trigger(Pod pod, String path, String jsonBody) {
        String call = "POST /admin/" + path + " to " + pod.getMetadata().getName();
        Response answer;
        try {
            answer = admin(pod, path, jsonBody);
        } catch (RuntimeException e) {
            if (diedWithTheContainer(e)) {
                return;
            }
            throw new AssertionError(call + " failed: " + e, e);
        }
        if (answer.statusCode() >= 300) {
            throw new AssertionError(call + " answered " + answer.statusCode() + ": " + answer.asString());
        }
    }

    /**
     * A connection refused, reset, or closed before any answer (the port-forward drops the local
     * connection when the container's port goes away), anywhere in the cause chain.
     */
    static boolean diedWithTheContainer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoHttpResponseException
                    || t instanceof SocketException && String.valueOf(t.getMessage()).contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    public Pod pod(String name) {
        return client().pods().inNamespace(ns.name()).withName(name).get();
    }

    /** Restarts of the app container of a pod. */
    public int restarts(String podName) {
        Pod p = pod(podName);
        return p.getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals(NAME))
                .mapToInt(c -> c.getRestartCount()).sum();
    }

    private KubernetesClient client() {
        return ns.client();
    }
}

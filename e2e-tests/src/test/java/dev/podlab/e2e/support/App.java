package dev.podlab.e2e.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * app-service deployed into a test namespace from the manifests the Quarkus Kubernetes
 * extension generated (k8s/base/generated/app-service.yml), exactly what `make deploy` applies.
 */
public final class App {
    public static final String NAME = "app-service";
    public static final Path MANIFEST = Path.of(System.getProperty("podlab.repo.root", ".."),
            "k8s/base/generated/app-service.yml");

    private final TestNamespace ns;

    public App(TestNamespace ns) {
        this.ns = ns;
    }

    /** Creates the Deployment and its ClusterIP Service with {@code replicas} pods, and waits for all Ready. */
    public App deploy(int replicas) {
        for (HasMetadata resource : load()) {
            if (resource instanceof Deployment d) {
                d.getSpec().setReplicas(replicas);
            }
            client().resource(resource).inNamespace(ns.name()).create();
        }
        awaitReady(replicas, Duration.ofMinutes(3));
        return this;
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
        client().apps().deployments().inNamespace(ns.name()).withName(NAME).scale(replicas);
        awaitReady(replicas, Duration.ofMinutes(3));
    }

    /** A NodePort Service on {@link Cluster#TEST_NODE_PORT}, reachable from the host. */
    public String exposeNodePort() {
        Service svc = new ServiceBuilder().withNewMetadata().withName(NAME + "-nodeport").endMetadata()
                .withNewSpec().withType("NodePort").addToSelector("app.kubernetes.io/name", NAME)
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080)
                .withNodePort(Cluster.TEST_NODE_PORT).endPort().endSpec().build();
        client().resource(svc).inNamespace(ns.name()).create();
        String url = Cluster.nodePortUrl();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> RestAssured.get(url + "/api/info").statusCode() == 200);
        return url;
    }

    /** Calls the chaos API of one pod through a port-forward, the way an instructor targets one pod. */
    public Response admin(Pod pod, String path, String jsonBody) {
        try (LocalPortForward pf = client().pods().inNamespace(ns.name()).withName(pod.getMetadata().getName())
                .portForward(8080)) {
            var req = RestAssured.given().contentType("application/json");
            if (jsonBody != null) {
                req.body(jsonBody);
            }
            return req.post("http://127.0.0.1:" + pf.getLocalPort() + "/admin/" + path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KubernetesClient client() {
        return ns.client();
    }
}

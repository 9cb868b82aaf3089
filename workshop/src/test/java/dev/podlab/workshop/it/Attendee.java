package dev.podlab.workshop.it;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** An attendee as the class sees them: their kubeconfig, and what they run with it. */
final class Attendee implements AutoCloseable {
    private static final Properties VERSIONS = versions();
    /** The images of hack/versions.env, as the labs name them (the nodes pull them from podlab's registry). */
    static final String APP_IMAGE = VERSIONS.getProperty("APP_IMAGE") + ":" + System.getProperty("project.version");
    static final String TOOLBOX_IMAGE = VERSIONS.getProperty("TOOLBOX_IMAGE");
    /** The cluster hack/workshop.sh works on: KUBE_CONTEXT, else podlab's kind cluster. */
    static final String CONTEXT = System.getenv().getOrDefault("KUBE_CONTEXT", "kind-" + VERSIONS.getProperty("CLUSTER_NAME"));

    final String name;
    final String ns;
    final String kubeconfig;
    final KubernetesClient client;

    Attendee(String name) {
        this.name = name;
        this.ns = "ws-" + name;
        try {
            this.kubeconfig = Files.readString(WorkshopCli.DIR.resolve(name + ".kubeconfig"));
        } catch (IOException e) {
            throw new IllegalStateException("no kubeconfig for " + name, e);
        }
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    Path kubeconfigPath() {
        return WorkshopCli.DIR.resolve(name + ".kubeconfig");
    }

    /** A Deployment of the app with one replica and a Service "web" in front, as lab 5 makes them; waits until ready. */
    void web() {
        client.resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(APP_IMAGE).withImagePullPolicy("IfNotPresent")
                .addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080)).endHttpGet()
                .withPeriodSeconds(1).endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .addToSelector("app", "web").addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build()).create();
        client.apps().deployments().withName("web").waitUntilReady(3, TimeUnit.MINUTES);
    }

    /** A toolbox pod, with no resources given (the LimitRange fills them in); waits until it runs. */
    void toolbox() {
        client.resource(bare("toolbox", TOOLBOX_IMAGE)).create();
        client.pods().withName("toolbox").waitUntilReady(3, TimeUnit.MINUTES);
    }

    static Pod bare(String name, String image) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("main").withImage(image).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "infinity").endContainer().endSpec().build();
    }

    /**
     * From the toolbox, curls {@code url} {@code tries} times, half a second apart; returns how
     * many got an HTTP answer, stopping at the first when {@code untilFirst}.
     */
    int answers(String url, int tries, boolean untilFirst) {
        String stop = untilFirst ? "exit 0" : "n=$((n+1))";
        String script = "n=0; for i in $(seq " + tries + "); do if curl -s -o /dev/null --max-time 1 " + url + "; then "
                + stop + "; fi; sleep 0.5; done; " + (untilFirst ? "exit 1" : "echo $n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().withName("toolbox").inContainer("main").writingOutput(out)
                .writingError(out).exec("sh", "-c", script)) {
            int code = watch.exitCode().get(tries * 2L + 30, TimeUnit.SECONDS);
            String text = out.toString(StandardCharsets.UTF_8).strip();
            return untilFirst ? (code == 0 ? 1 : 0) : Integer.parseInt(text);
        } catch (Exception e) {
            throw new IllegalStateException("curl from " + ns + "/toolbox failed: " + out.toString(StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(WorkshopCli.REPO.resolve("hack/versions.env"))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read hack/versions.env", e);
        }
        return p;
    }
}

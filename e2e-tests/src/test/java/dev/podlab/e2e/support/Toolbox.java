package dev.podlab.e2e.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pod with curl and dig, to look at the cluster from the inside: Service virtual IPs,
 * cluster DNS and pod IPs are reachable only from pods.
 */
public final class Toolbox {
    private final TestNamespace ns;
    private final String name;

    private Toolbox(TestNamespace ns, String name) {
        this.ns = ns;
        this.name = name;
    }

    /** Starts a toolbox pod, on {@code node} when not null, and waits until it runs. */
    public static Toolbox start(TestNamespace ns, String name, String node) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).addToLabels("app.kubernetes.io/name", "toolbox")
                .endMetadata().withNewSpec().withNodeName(node).withTerminationGracePeriodSeconds(0L)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1001L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("toolbox").withImage(Cluster.TOOLBOX_IMAGE)
                .withImagePullPolicy("IfNotPresent").withCommand("sleep", "infinity")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                .endContainer().endSpec().build();
        ns.client().resource(pod).inNamespace(ns.name()).create();
        ns.client().pods().inNamespace(ns.name()).withName(name).waitUntilReady(2, TimeUnit.MINUTES);
        return new Toolbox(ns, name);
    }

    /** Runs a shell script in the pod; returns stdout, fails on a non-zero exit. */
    public String sh(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = ns.client().pods().inNamespace(ns.name()).withName(name)
                .writingOutput(out).writingError(err).exec("sh", "-c", script)) {
            int code = watch.exitCode().get(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS);
            String stdout = out.toString(StandardCharsets.UTF_8);
            if (code != 0) {
                throw new IllegalStateException("`" + script + "` exited " + code + ": " + stdout
                        + err.toString(StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("exec in " + name + " failed", e);
        }
    }

    public String node() {
        return ns.client().pods().inNamespace(ns.name()).withName(name).get().getSpec().getNodeName();
    }
}

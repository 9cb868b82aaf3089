package dev.podlab.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A pod with curl and dig, to look at the cluster from the inside: Service virtual IPs,
 * cluster DNS and pod IPs are reachable only from pods.
 */
public final class Toolbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNamespace ns;
    private final String name;
    private final String container;

    private Toolbox(TestNamespace ns, String name, String container) {
        this.ns = ns;
        this.name = name;
        this.container = container;
    }

    /** Starts a toolbox pod, on {@code node} when not null, and waits until it runs. */
    public static Toolbox start(TestNamespace ns, String name, String node) {
        Pod pod = Pods.restricted(name, Cluster.TOOLBOX_IMAGE, "Always", node);
        pod.getMetadata().setLabels(Map.of("app.kubernetes.io/name", "toolbox"));
        pod.getSpec().getContainers().get(0).setCommand(List.of("sleep", "infinity"));
        ns.client().resource(pod).inNamespace(ns.name()).create();
        ns.client().pods().inNamespace(ns.name()).withName(name).waitUntilReady(2, TimeUnit.MINUTES);
        return new Toolbox(ns, name, "main");
    }

    /**
     * Like `kubectl debug`: adds a toolbox as an ephemeral container to a running pod, where it
     * shares the pod's network namespace (its localhost) with the pod's own containers.
     */
    public static Toolbox attach(TestNamespace ns, String pod) {
        var pods = ns.client().pods().inNamespace(ns.name()).withName(pod);
        String debug = "debug-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        Cluster.retryOnConflict(() -> pods.ephemeralContainers().edit(p -> new PodBuilder(p).editSpec().addNewEphemeralContainer()
                .withName(debug).withImage(Cluster.TOOLBOX_IMAGE).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "infinity")
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .endEphemeralContainer().endSpec().build()));
        pods.waitUntilCondition(p -> p.getStatus().getEphemeralContainerStatuses().stream()
                .anyMatch(c -> c.getName().equals(debug) && c.getState().getRunning() != null), 2, TimeUnit.MINUTES);
        return new Toolbox(ns, pod, debug);
    }

    /** Runs a shell script in the pod; returns stdout, fails on a non-zero exit. */
    public String sh(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = ns.client().pods().inNamespace(ns.name()).withName(name).inContainer(container)
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

    /** GETs {@code url} from inside the cluster and parses the JSON answer. */
    public JsonNode getJson(String url) {
        try {
            return JSON.readTree(sh("curl -sS --fail-with-body --max-time 5 " + url));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pod names that answered {@code count} requests to {@code url}, one new connection each.
     * Every request must succeed: a failed one fails the caller with its status and answer.
     */
    public List<String> podsAnswering(String url, int count) {
        String out = sh("for i in $(seq " + count + "); do curl -sS --max-time 3 -w ' %{http_code}' " + url
                + " 2>&1; echo; done");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        List<String> failed = lines.stream().filter(l -> !l.endsWith(" 200")).toList();
        if (!failed.isEmpty() || lines.size() != count) {
            throw new AssertionError(failed.size() + " of " + count + " requests to " + url + " failed: " + failed);
        }
        return lines.stream().map(l -> {
            try {
                return JSON.readTree(l.substring(0, l.length() - 4)).path("pod").asText();
            } catch (IOException e) {
                throw new IllegalStateException(l, e);
            }
        }).toList();
    }

    public String node() {
        return ns.client().pods().inNamespace(ns.name()).withName(name).get().getSpec().getNodeName();
    }
}

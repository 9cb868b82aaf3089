package dev.podlab.workshop.tenancy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does this cluster's CNI enforce NetworkPolicy? Asked with live traffic, since a policy object
 * is accepted whether or not anything enforces it: a client in one throwaway namespace must reach
 * a server in another, then be refused once the server's namespace has the attendees' policy.
 */
public final class PolicyProbe {
    /** How the probe ended, with what an instructor should know. */
    public record Result(boolean enforced, String detail) {
    }

    private static final String APP = "app.kubernetes.io/name";
    /** The {@link Names#ROLE} of the probe's namespaces. */
    static final String PROBE = "probe";
    private final KubernetesClient client;
    private final String serverImage;
    private final String clientImage;

    /**
     * @param serverImage answers HTTP on 8080 (podlab's app-service)
     * @param clientImage has sh and curl (podlab's toolbox)
     */
    public PolicyProbe(KubernetesClient client, String serverImage, String clientImage) {
        this.client = client;
        this.serverImage = serverImage;
        this.clientImage = clientImage;
    }

    public Result run() {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String serverNs = Names.WORKSHOP + "-probe-" + id + "-server";
        String clientNs = Names.WORKSHOP + "-probe-" + id + "-client";
        try {
            namespace(serverNs);
            namespace(clientNs);
            client.resource(pod("server", serverImage, null)).inNamespace(serverNs).create();
            client.resource(new ServiceBuilder().withNewMetadata().withName("server").endMetadata().withNewSpec()
                    .addToSelector(APP, "server").addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                    .endSpec().build()).inNamespace(serverNs).create();
            client.resource(pod("client", clientImage, "sleep")).inNamespace(clientNs).create();
            client.pods().inNamespace(serverNs).withName("server").waitUntilReady(3, TimeUnit.MINUTES);
            client.pods().inNamespace(clientNs).withName("client").waitUntilReady(3, TimeUnit.MINUTES);
            String url = "http://server." + serverNs + ".svc/";
            // New pods' traffic may be dropped for up to ~9 s under kube-router: every look retries.
            if (!curlUntil(clientNs, url, true, 60)) {
                return new Result(false, "inconclusive: a pod could not reach a Service in another namespace even "
                        + "with no policy in place (is cluster networking working?)");
            }
            client.resource(TenancyObjects.isolation(serverNs, Names.workshop())).create();
            if (curlUntil(clientNs, url, false, 20)) {
                return new Result(true, "enforced: traffic between namespaces stopped once the attendees' policy was in place");
            }
            return new Result(false, "NOT enforced: another namespace still reached the server 20 s after the attendees' "
                    + "NetworkPolicy was in place. This cluster's CNI ignores NetworkPolicy: attendees can reach each "
                    + "other's pods. (kind with podlab: kube-router needs --run-firewall=true, hack/cni/kube-router.yaml.)");
        } finally {
            client.namespaces().withName(serverNs).delete();
            client.namespaces().withName(clientNs).delete();
        }
    }

    /** A new namespace, once it has the default ServiceAccount: pods made before it are refused. */
    private void namespace(String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(Names.workshop())
                .addToLabels(Names.ROLE, PROBE).endMetadata().build()).create();
        client.serviceAccounts().inNamespace(name).withName("default").waitUntilCondition(Objects::nonNull, 1, TimeUnit.MINUTES);
    }

    private static Pod pod(String name, String image, String command) {
        var container = new PodBuilder().withNewMetadata().withName(name).addToLabels(Map.of(APP, name)).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1001L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("main").withImage(image).withImagePullPolicy("IfNotPresent")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext();
        return (command == null ? container : container.withCommand(command, "infinity")).endContainer().endSpec().build();
    }

    /**
     * Curls {@code url} from the client pod every half second, for up to {@code seconds}, until
     * any HTTP answer comes ({@code reach}) or five requests in a row get none (not {@code reach}); true when it happened.
     */
    private boolean curlUntil(String ns, String url, boolean reach, int seconds) {
        // Refused means refused five times in a row: one slow answer on a busy node is not a policy.
        String need = reach ? "1" : "5";
        String condition = reach ? "" : "!";
        String script = "n=0; for i in $(seq " + seconds * 2 + "); do if " + condition + " curl -s -o /dev/null --max-time 2 "
                + url + "; then n=$((n + 1)); [ $n -ge " + need + " ] && exit 0; else n=0; fi; sleep 0.5; done; exit 1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(ns).withName("client").inContainer("main")
                .writingOutput(out).writingError(out).exec("sh", "-c", script)) {
            int code = watch.exitCode().get(seconds * 3L, TimeUnit.SECONDS);
            if (code > 1) {
                throw new IllegalStateException("the policy probe's client failed (exit " + code + "): "
                        + out.toString(StandardCharsets.UTF_8));
            }
            return code == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the policy probe's client did not answer", e);
        }
    }
}

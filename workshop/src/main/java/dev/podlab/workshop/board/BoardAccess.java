package dev.podlab.workshop.board;

import dev.podlab.workshop.tenancy.Names;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waits until the board is Ready and says where to open it. */
public final class BoardAccess {
    /** The local port of the printed port-forward command. */
    public static final int LOCAL_PORT = 8090;

    private BoardAccess() {
    }

    /**
     * Waits up to {@code wait} for the board's pod to be Ready (throws otherwise), then returns
     * how to open it: its LoadBalancer address if it has one, and always the port-forward, which
     * also serves a LAN ({@code --address 0.0.0.0}).
     */
    public static String await(KubernetesClient client, String context, Duration wait) {
        var deployment = client.apps().deployments().inNamespace(Names.INSTRUCTOR_NAMESPACE).withName(BoardObjects.NAME);
        try {
            deployment.waitUntilReady(wait.toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the board is not Ready after " + wait.toSeconds() + " s (`kubectl -n "
                    + Names.INSTRUCTOR_NAMESPACE + " describe pod -l app.kubernetes.io/name=" + BoardObjects.NAME + "` says why)", e);
        }
        String forward = "kubectl " + (context == null || context.isBlank() ? "" : "--context " + context + " ") + "-n "
                + Names.INSTRUCTOR_NAMESPACE + " port-forward svc/" + BoardObjects.NAME + " " + LOCAL_PORT + ":" + BoardObjects.PORT
                + ", then http://127.0.0.1:" + LOCAL_PORT + "/";
        String address = address(client.services().inNamespace(Names.INSTRUCTOR_NAMESPACE).withName(BoardObjects.NAME).get());
        return address == null ? "board: " + forward
                : "board: http://" + address + "/ (its LoadBalancer address)\n       or: " + forward;
    }

    private static String address(Service service) {
        List<LoadBalancerIngress> ingress = service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                ? List.of() : service.getStatus().getLoadBalancer().getIngress();
        return ingress.stream().map(i -> i.getIp() != null ? i.getIp() : i.getHostname()).filter(a -> a != null).findFirst().orElse(null);
    }
}

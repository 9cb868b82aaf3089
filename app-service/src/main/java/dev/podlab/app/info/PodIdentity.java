package dev.podlab.app.info;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this process is, as the Downward API tells it (env POD_NAME, POD_NAMESPACE, POD_IP, NODE_NAME).
 * Outside Kubernetes the same fields fall back to what the machine knows, so the app runs anywhere.
 */
@Singleton
public class PodIdentity {

    private final String pod;
    private final String namespace;
    private final String podIp;
    private final String node;

    PodIdentity(@ConfigProperty(name = "POD_NAME") Optional<String> pod,
                @ConfigProperty(name = "POD_NAMESPACE") Optional<String> namespace,
                @ConfigProperty(name = "POD_IP") Optional<String> podIp,
                @ConfigProperty(name = "NODE_NAME") Optional<String> node) {
        InetAddress local = localHost();
        this.pod = pod.orElseGet(local::getHostName);
        this.namespace = namespace.orElse("local");
        this.podIp = podIp.orElseGet(local::getHostAddress);
        this.node = node.orElse("local");
    }

    private static InetAddress localHost() {
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    public String pod() {
        return pod;
    }

    public String namespace() {
        return namespace;
    }

    public String podIp() {
        return podIp;
    }

    public String node() {
        return node;
    }
}

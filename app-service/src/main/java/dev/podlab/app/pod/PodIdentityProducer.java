package dev.podlab.app.pod;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The app's {@link PodIdentity}, read once from its environment, and logged at start. */
@Singleton
public class PodIdentityProducer {

    private static final Logger LOG = Logger.getLogger(PodIdentity.class);

    @Produces
    @Singleton
    PodIdentity identity(@ConfigProperty(name = "POD_NAME") Optional<String> pod,
            @ConfigProperty(name = "POD_NAMESPACE") Optional<String> namespace,
            @ConfigProperty(name = "POD_IP") Optional<String> podIp,
            @ConfigProperty(name = "NODE_NAME") Optional<String> node,
            @ConfigProperty(name = "HOSTNAME") Optional<String> hostname,
            @ConfigProperty(name = "KUBERNETES_SERVICE_HOST") Optional<String> apiHost,
            // Where Kubernetes mounts the pod's service account (token, namespace); tests point elsewhere.
            @ConfigProperty(name = "podlab.identity.service-account-dir",
                    defaultValue = "/var/run/secrets/kubernetes.io/serviceaccount") String serviceAccount) {
        return PodIdentity.of(new PodIdentity.Downward(pod, namespace, podIp, node), apiHost.isPresent(), Path.of(serviceAccount),
                hostname.orElseGet(PodIdentityProducer::localHostName), interfaceAddresses());
    }

    void log(@Observes StartupEvent ignored, PodIdentity id) {
        LOG.infof("identity: pod %s, namespace %s, IP %s, node %s (%s)", id.pod(), id.namespace(), id.podIp(), id.node(), id.sources());
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces().filter(PodIdentityProducer::up)
                    .flatMap(NetworkInterface::inetAddresses).toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package dev.podlab.app.pod;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who this process is. The Downward API says it best (env POD_NAME, POD_NAMESPACE, POD_IP,
 * NODE_NAME, which the app's own manifest sets); a pod started without it (kubectl run) still
 * tells the truth: namespace from the service-account file, pod name from the hostname, IP from a
 * network interface, node {@code unknown}. Outside Kubernetes namespace and node are {@code local}.
 */
@Singleton
public class PodIdentity {

    static final String UNKNOWN = "unknown";
    static final String LOCAL = "local";
    private static final Logger LOG = Logger.getLogger(PodIdentity.class);

    private final String pod;
    private final String namespace;
    private final String podIp;
    private final String node;
    private final boolean inKubernetes;
    private final Path serviceAccount;
    private final String sources;

    @Inject
    PodIdentity(@ConfigProperty(name = "POD_NAME") Optional<String> pod,
                @ConfigProperty(name = "POD_NAMESPACE") Optional<String> namespace,
                @ConfigProperty(name = "POD_IP") Optional<String> podIp,
                @ConfigProperty(name = "NODE_NAME") Optional<String> node,
                @ConfigProperty(name = "HOSTNAME") Optional<String> hostname,
                @ConfigProperty(name = "KUBERNETES_SERVICE_HOST") Optional<String> apiHost,
                // Where Kubernetes mounts the pod's service account (token, namespace); tests point elsewhere.
                @ConfigProperty(name = "podlab.identity.service-account-dir",
                        defaultValue = "/var/run/secrets/kubernetes.io/serviceaccount") String serviceAccount) {
        this(new Downward(pod, namespace, podIp, node), apiHost.isPresent(), Path.of(serviceAccount),
                hostname.orElseGet(PodIdentity::localHostName), interfaceAddresses());
    }

    /** The Downward API's four env vars; each may be missing. */
    record Downward(Optional<String> pod, Optional<String> namespace, Optional<String> podIp, Optional<String> node) {
    }

    PodIdentity(Downward env, boolean apiHostSet, Path serviceAccount, String hostname, List<InetAddress> addresses) {
        this.serviceAccount = serviceAccount;
        Path namespaceFile = serviceAccount.resolve("namespace");
        Optional<String> fileNamespace = read(namespaceFile);
        this.inKubernetes = apiHostSet || fileNamespace.isPresent();
        String outside = inKubernetes ? UNKNOWN : LOCAL;
        this.pod = env.pod().orElse(hostname);
        this.namespace = env.namespace().or(() -> fileNamespace).orElse(outside);
        this.podIp = env.podIp().or(() -> pick(addresses)).orElse(InetAddress.getLoopbackAddress().getHostAddress());
        this.node = env.node().orElse(outside);
        List<String> notes = new ArrayList<>();
        if (!inKubernetes) {
            notes.add("not in Kubernetes: no KUBERNETES_SERVICE_HOST, no " + namespaceFile);
        } else {
            if (env.pod().isEmpty()) {
                notes.add("pod name from the hostname");
            }
            if (env.namespace().isEmpty()) {
                notes.add(fileNamespace.isPresent() ? "namespace from " + namespaceFile
                        : "namespace unknown (no POD_NAMESPACE, no " + namespaceFile + ")");
            }
            if (env.podIp().isEmpty()) {
                notes.add("IP from a network interface");
            }
            if (env.node().isEmpty()) {
                notes.add("node unknown: add the Downward API env NODE_NAME (fieldRef spec.nodeName) to see it");
            }
        }
        this.sources = notes.isEmpty() ? "from the Downward API" : String.join("; ", notes);
    }

    void log(@Observes StartupEvent ignored) {
        LOG.infof("identity: pod %s, namespace %s, IP %s, node %s (%s)", pod, namespace, podIp, node, sources);
    }

    /** A non-loopback, non-link-local address, IPv4 first: what a pod's eth0 has. */
    static Optional<String> pick(List<InetAddress> addresses) {
        return addresses.stream()
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                .min(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1))
                .map(InetAddress::getHostAddress)
                .map(a -> a.replaceFirst("%.*$", "")); // no IPv6 scope suffix
    }

    private static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces().filter(PodIdentity::up)
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

    /** The directory of the pod's service-account token and namespace files (present or not). */
    public Path serviceAccount() {
        return serviceAccount;
    }

    /** KUBERNETES_SERVICE_HOST set or a service-account namespace file: this process runs in a pod. */
    public boolean inKubernetes() {
        return inKubernetes;
    }
}

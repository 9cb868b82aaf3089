package dev.podlab.app.pod;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who this process is. The Downward API says it best (env POD_NAME, POD_NAMESPACE, POD_IP,
 * NODE_NAME, which the app's own manifest sets); a pod started without it (kubectl run) still
 * tells the truth: namespace from the service-account file, pod name from the hostname, IP from a
 * network interface, node {@code unknown}. Outside Kubernetes namespace and node are {@code local}.
 * {@link PodIdentityProducer} makes the app's one instance from its environment.
 *
 * @param inKubernetes KUBERNETES_SERVICE_HOST set or a service-account namespace file: this process runs in a pod
 * @param serviceAccount the directory of the pod's service-account token and namespace files (present or not)
 * @param sources where the values came from, for the start-up log
 */
public record PodIdentity(String pod, String namespace, String podIp, String node, boolean inKubernetes,
        Path serviceAccount, String sources) {

    static final String UNKNOWN = "unknown";
    static final String LOCAL = "local";

    /** The Downward API's four env vars; each may be missing. */
    record Downward(Optional<String> pod, Optional<String> namespace, Optional<String> podIp, Optional<String> node) {
    }

    static PodIdentity of(Downward env, boolean apiHostSet, Path serviceAccount, String hostname, List<InetAddress> addresses) {
        Path namespaceFile = serviceAccount.resolve("namespace");
        Optional<String> fileNamespace = read(namespaceFile);
        boolean inKubernetes = apiHostSet || fileNamespace.isPresent();
        String outside = inKubernetes ? UNKNOWN : LOCAL;
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
        return new PodIdentity(env.pod().orElse(hostname),
                env.namespace().or(() -> fileNamespace).orElse(outside),
                env.podIp().or(() -> pick(addresses)).orElse(InetAddress.getLoopbackAddress().getHostAddress()),
                env.node().orElse(outside),
                inKubernetes, serviceAccount,
                notes.isEmpty() ? "from the Downward API" : String.join("; ", notes));
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
}

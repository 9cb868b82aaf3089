package dev.podlab.workshop.access;

import dev.podlab.workshop.tenancy.Names;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Attendees' kubeconfigs: a bound token from the TokenRequest API, their namespace, the class's address. */
public final class Kubeconfigs {
    private final KubernetesClient admin;
    private final String server;
    private final String caData;
    private final Path dir;

    /**
     * @param address the API server address attendees' laptops reach, or null for the admin
     *                context's; the port is the admin context's (kind publishes the API server on one host port)
     */
    public Kubeconfigs(KubernetesClient admin, String address, Path dir) {
        this.admin = admin;
        Config config = admin.getConfiguration();
        URI master = URI.create(config.getMasterUrl());
        this.server = "https://" + (address == null || address.isBlank() ? master.getHost() : address) + ":" + master.getPort();
        this.caData = caData(config);
        this.dir = dir;
    }

    public static Path path(Path dir, String attendee) {
        return dir.resolve(attendee + ".kubeconfig");
    }

    /** Asks for a token expiring at {@code expires} and writes the attendee's kubeconfig, mode 600. */
    public Path write(String attendee, Instant expires) {
        String ns = Names.namespace(attendee);
        TokenRequest request = new TokenRequestBuilder().withNewSpec()
                .withExpirationSeconds(Duration.between(Instant.now(), expires).toSeconds()).endSpec().build();
        String token = admin.serviceAccounts().inNamespace(ns).withName(Names.SERVICE_ACCOUNT)
                .tokenRequest(request).getStatus().getToken();
        var kubeconfig = new ConfigBuilder().withApiVersion("v1").withKind("Config")
                .addNewCluster().withName(Names.WORKSHOP).withNewCluster().withServer(server)
                .withCertificateAuthorityData(caData).endCluster().endCluster()
                .addNewUser().withName(attendee).withNewUser().withToken(token).endUser().endUser()
                .addNewContext().withName(ns).withNewContext().withCluster(Names.WORKSHOP).withUser(attendee)
                .withNamespace(ns).endContext().endContext()
                .withCurrentContext(ns).build();
        return writePrivate(path(dir, attendee), Serialization.asYaml(kubeconfig));
    }

    /** Written whole or not at all, readable only by its owner from the first byte. */
    private Path writePrivate(Path target, String content) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static String caData(Config config) {
        if (config.getCaCertData() != null) {
            return config.getCaCertData();
        }
        if (config.getCaCertFile() == null) {
            throw new IllegalStateException("the kube context names no cluster CA: attendees could not trust the API server");
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster CA " + config.getCaCertFile(), e);
        }
    }
}

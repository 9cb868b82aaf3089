package dev.podlab.app.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.podlab.app.pod.PodIdentity.Downward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the app says about itself with and without the Downward API: plain JUnit, files and addresses injected. */
class PodIdentityTest {

    static final Downward NONE = new Downward(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    @TempDir
    Path dir;

    static InetAddress ip(String address) throws UnknownHostException {
        return InetAddress.getByName(address); // a literal: no lookup
    }

    @Test
    void downwardApiWinsOverEverythingElse() throws Exception {
        Files.writeString(dir.resolve("namespace"), "from-file");
        var env = new Downward(Optional.of("web-1"), Optional.of("shop"), Optional.of("10.244.1.9"), Optional.of("worker2"));

        PodIdentity id = PodIdentity.of(env, true, dir, "hostname", List.of(ip("10.244.1.7")));

        assertThat(List.of(id.pod(), id.namespace(), id.podIp(), id.node())).containsExactly("web-1", "shop", "10.244.1.9", "worker2");
        assertThat(id.inKubernetes()).isTrue();
    }

    @Test
    void bareKubectlRunPodTellsTheTruth() throws Exception {
        Files.writeString(dir.resolve("namespace"), "lab6\n");

        PodIdentity id = PodIdentity.of(NONE, true, dir, "hello",
                List.of(ip("fe80::1"), ip("fd00::7"), ip("10.244.2.5")));

        assertThat(id.pod()).isEqualTo("hello");
        assertThat(id.namespace()).isEqualTo("lab6");
        assertThat(id.podIp()).isEqualTo("10.244.2.5");
        assertThat(id.node()).isEqualTo("unknown");
        assertThat(id.inKubernetes()).isTrue();
    }

    @Test
    void aPodWithoutAServiceAccountMountKnowsItIsInKubernetesButNotItsNamespace() {
        PodIdentity id = PodIdentity.of(NONE, true, dir.resolve("no-mount"), "hello", List.of());

        assertThat(id.namespace()).isEqualTo("unknown");
        assertThat(id.node()).isEqualTo("unknown");
        assertThat(id.podIp()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
    }

    @Test
    void outsideKubernetesNamespaceAndNodeAreLocal() throws Exception {
        PodIdentity id = PodIdentity.of(NONE, false, dir.resolve("no-mount"), "laptop", List.of(ip("192.168.1.20")));

        assertThat(List.of(id.pod(), id.namespace(), id.podIp(), id.node())).containsExactly("laptop", "local", "192.168.1.20", "local");
        assertThat(id.inKubernetes()).isFalse();
    }

    @Test
    void aNamespaceFileAloneMeansKubernetes() throws IOException {
        Files.writeString(dir.resolve("namespace"), "default");

        assertThat(PodIdentity.of(NONE, false, dir, "h", List.of()).inKubernetes()).isTrue();
    }

    @Test
    void picksARoutableAddressIpv4First() throws Exception {
        assertThat(PodIdentity.pick(List.of(ip("127.0.0.1"), ip("::1"), ip("fe80::1"), ip("169.254.0.1")))).isEmpty();
        assertThat(PodIdentity.pick(List.of(ip("fd00::7"), ip("10.1.2.3")))).contains("10.1.2.3");
        assertThat(PodIdentity.pick(List.of(ip("127.0.0.1"), ip("fd00::7")))).contains("fd00:0:0:0:0:0:0:7");
    }
}

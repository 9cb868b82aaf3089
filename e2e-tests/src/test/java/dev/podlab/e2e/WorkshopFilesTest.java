package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podlab.e2e.support.KindPorts;
import dev.podlab.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files that keep literal values for their readers (kind's cluster config, the README, the labs
 * learners apply and type) checked against the values' one home: the node ports of
 * k8s/overlays/kind/ports.env and the project version of the pom. No cluster, no Docker.
 */
class WorkshopFilesTest {
    private static final KindPorts PORTS = KindPorts.read();
    /** A port in the NodePort range (30000-32767) written in a file. */
    /** A port in the NodePort range where text names a port ("127.0.0.1:30080", "NodePort 30081"), not any number like a req/s figure. */
    private static final Pattern NODE_PORT = Pattern.compile("(?:[:]|[Pp]ort )(3[0-2][0-9]{3})\\b");
    private static final Pattern IMAGE_TAG = Pattern.compile("podlab/(?:app-service|sidecar-logger):([\\w.-]+)");
    /** Lab 3's tag that exists in no registry, so that its pod stays Pending. */
    private static final String NO_SUCH_TAG = "9.9.9";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** A value found in a file, and where. */
    record Mention(String where, String value) {
    }

    @Test
    void kindMapsBothNodePortsToTheLoopbackAddress() throws IOException {
        List<String> mappings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Repo.path("k8s/kind/cluster.yaml"))) {
            for (JsonNode node : YAML.unmarshal(in, JsonNode.class).get("nodes")) {
                node.path("extraPortMappings").forEach(m -> mappings.add(
                        m.get("listenAddress").asText() + ":" + m.get("hostPort").asInt() + " -> " + m.get("containerPort").asInt()));
            }
        }
        assertThat(mappings).containsExactlyInAnyOrder(
                "127.0.0.1:" + PORTS.app() + " -> " + PORTS.app(), "127.0.0.1:" + PORTS.spare() + " -> " + PORTS.spare());
    }

    @Test
    void readmeNamesTheAppsNodePort() {
        assertThat(mentions(List.of(Repo.path("README.md")), NODE_PORT)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.value()).as(m.where()).isEqualTo(String.valueOf(PORTS.app())));
    }

    @Test
    void labFiveLeavesItsNodePortToTheClusterAndLabsNameOnlyPortsKindMaps() throws IOException {
        Service nodePort;
        try (InputStream in = Files.newInputStream(Repo.path("labs/05-services/services.yaml"))) {
            List<HasMetadata> services = YAML.unmarshal(in);
            nodePort = services.stream().map(Service.class::cast).filter(s -> "NodePort".equals(s.getSpec().getType()))
                    .findFirst().orElseThrow();
        }
        // One fixed port would collide across a class on one cluster; solo, the README's step patches in the spare one.
        assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).as("lab 5's NodePort in services.yaml").isNull();
        Set<String> mapped = Set.of(String.valueOf(PORTS.app()), String.valueOf(PORTS.spare()));
        assertThat(mentions(labFiles(), NODE_PORT)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.value()).as(m.where()).isIn(mapped));
    }

    @Test
    void labsRunTheImagesOfTheProjectVersion() {
        String version = System.getProperty("project.version");
        assertThat(version).isNotEqualTo(NO_SUCH_TAG);
        assertThat(mentions(labFiles(), IMAGE_TAG)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.value()).as(m.where()).isIn(version, NO_SUCH_TAG));
    }

    private static List<Path> labFiles() {
        try (Stream<Path> files = Files.walk(Repo.path("labs"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each match of the pattern's first group in the files, with its file and line. */
    private static List<Mention> mentions(List<Path> files, Pattern pattern) {
        List<Mention> found = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = pattern.matcher(lines.get(i));
                while (m.find()) {
                    found.add(new Mention(file + ":" + (i + 1), m.group(1)));
                }
            }
        }
        return found;
    }
}

package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.Cluster;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A pod without Kubernetes: the two images run the way a pod runs them, in one network
 * namespace (the sidecar joins the app's) with one shared log volume. Needs real Docker.
 */
class PodContainerTest {
    static Path logDir;
    static GenericContainer<?> app;
    static GenericContainer<?> sidecar;

    @BeforeAll
    static void startPod() throws IOException {
        // Like an emptyDir: writable by the non-root user both containers run as.
        logDir = Files.createTempDirectory("podlab-logs", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(logDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        app = new GenericContainer<>(DockerImageName.parse(Cluster.APP_IMAGE))
                .withExposedPorts(8080, 8081) // the pod's ports: the sidecar's 8081 lives in this namespace too
                .withEnv("POD_NAME", "pod-under-test")
                .withFileSystemBind(logDir.toString(), "/var/log/app", BindMode.READ_WRITE)
                .withTmpFs(java.util.Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(Wait.forHttp("/q/health/ready").forPort(8080).withStartupTimeout(Duration.ofMinutes(1)));
        app.start();

        sidecar = new GenericContainer<>(DockerImageName.parse(Cluster.SIDECAR_IMAGE))
                .withNetworkMode("container:" + app.getContainerId())
                .withEnv("LOG_DIR", "/var/log/app")
                .withFileSystemBind(logDir.toString(), "/var/log/app", BindMode.READ_WRITE)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true));
        sidecar.start();
    }

    @AfterAll
    static void stopPod() {
        // Ryuk is off (its image cannot be pulled): remove the containers here.
        if (sidecar != null) {
            sidecar.stop();
        }
        if (app != null) {
            app.stop();
        }
    }

    static String url(int port, String path) {
        return "http://" + app.getHost() + ":" + app.getMappedPort(port) + path;
    }

    @Test
    void theAppAnswersWithItsPodName() {
        String pod = RestAssured.get(url(8080, "/api/info")).then().statusCode(200).extract().path("pod");

        assertThat(pod).isEqualTo("pod-under-test");
    }

    @Test
    void theSidecarListensInTheAppsNetworkNamespace() {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> RestAssured.get(url(8081, "/health/ready")).statusCode() == 200);
    }

    @Test
    void aLineTheAppLogsComesOutOfTheSidecarsStdout() {
        String marker = "marker-" + UUID.randomUUID();

        RestAssured.get(url(8080, "/api/info?" + marker)).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> sidecar.getLogs().lines().anyMatch(l -> l.startsWith("[app.log] ") && l.contains(marker)));
    }
}

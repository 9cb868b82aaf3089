package dev.podlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the manifest Quarkus generated at package time, YAML fragment merged in. */
class ManifestIT {

    private static List<HasMetadata> resources;
    private static Deployment deployment;
    private static Service service;
    private static PodSpec pod;

    @BeforeAll
    static void load() throws IOException {
        resources = read(Path.of("target/kubernetes/kubernetes.yml"));
        deployment = only(resources, Deployment.class);
        service = only(resources, Service.class);
        pod = deployment.getSpec().getTemplate().getSpec();
    }

    private static List<HasMetadata> read(Path yaml) throws IOException {
        try (InputStream in = Files.newInputStream(yaml)) {
            return new KubernetesSerialization().unmarshal(in);
        }
    }

    @Test
    void kustomizeBaseHoldsWhatWasGenerated() throws IOException {
        // `make deploy` applies the copy in k8s/base; `make manifests` refreshes it. Compared as
        // objects: the extension does not keep label order from one build to the next.
        assertEquals(resources, read(Path.of("../k8s/base/generated/app-service.yml")),
                "k8s/base/generated/app-service.yml is stale: run `make manifests` and commit it");
    }

    private static <T> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> matches = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matches.size(), "exactly one " + type.getSimpleName());
        return matches.get(0);
    }

    private static Container container(String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    @Test
    void deploymentRunsThreeReplicasOfTheImage() {
        assertEquals("app-service", deployment.getMetadata().getName());
        assertEquals(3, deployment.getSpec().getReplicas());
        Container app = container("app-service");
        assertEquals("podlab/app-service:1.0.0", app.getImage());
        assertEquals("IfNotPresent", app.getImagePullPolicy());
        assertEquals("app-service", deployment.getMetadata().getLabels().get("app.kubernetes.io/name"));
        // Selectors are immutable: with a version in them, the next version could not roll out.
        assertFalse(deployment.getSpec().getSelector().getMatchLabels().containsKey("app.kubernetes.io/version"));
    }

    @Test
    void selectorMatchesTemplateLabelsAndServiceSelectsThePods() {
        Map<String, String> templateLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(templateLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(templateLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals("app-service", templateLabels.get("app.kubernetes.io/name"));
    }

    @Test
    void serviceMapsPort80ToTheAppContainerPort() {
        assertEquals("app-service", service.getMetadata().getName());
        assertEquals("ClusterIP", service.getSpec().getType());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals("http", port.getName());
        assertEquals(80, port.getPort());
        int target = port.getTargetPort().getIntVal() != null ? port.getTargetPort().getIntVal() : -1;
        assertTrue(container("app-service").getPorts().stream()
                .anyMatch(p -> p.getContainerPort() == target || p.getName().equals(port.getTargetPort().getStrVal())));
        assertEquals(8080, target);
    }

    @Test
    void appProbesHaveWorkshopTimings() {
        Container app = container("app-service");
        assertProbe(app.getStartupProbe(), "/q/health/started", 8080, 2, 30);
        assertProbe(app.getReadinessProbe(), "/ready", 8080, 5, 1);
        assertProbe(app.getLivenessProbe(), "/health", 8080, 5, 3);
    }

    @Test
    void sidecarHasItsImagePortProbesAndLogDir() {
        Container sidecar = container("sidecar-logger");
        assertEquals("podlab/sidecar-logger:1.0.0", sidecar.getImage());
        assertEquals("IfNotPresent", sidecar.getImagePullPolicy());
        assertEquals(8081, sidecar.getPorts().get(0).getContainerPort());
        assertProbe(sidecar.getLivenessProbe(), "/health/live", 8081, 10, 3);
        assertProbe(sidecar.getReadinessProbe(), "/health/ready", 8081, 5, 3);
        assertEquals("/var/log/app", env(sidecar).get("LOG_DIR").getValue());
    }

    @Test
    void logVolumeIsSharedByBothContainers() {
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals("app-logs")).findFirst()
                .orElseThrow().getEmptyDir());
        for (Container c : pod.getContainers()) {
            assertEquals("/var/log/app", mountPath(c, "app-logs"), c.getName());
        }
        assertEquals("/tmp", mountPath(container("app-service"), "tmp"));
        assertEquals("/tmp", mountPath(container("sidecar-logger"), "sidecar-tmp"));
    }

    @Test
    void bothContainersAreLockedDown() {
        assertEquals(2, pod.getContainers().size());
        for (Container c : pod.getContainers()) {
            SecurityContext sc = c.getSecurityContext();
            assertNotNull(sc, c.getName());
            assertEquals(true, sc.getRunAsNonRoot(), c.getName());
            assertEquals(1001L, sc.getRunAsUser(), c.getName());
            assertEquals(true, sc.getReadOnlyRootFilesystem(), c.getName());
            assertEquals(false, sc.getAllowPrivilegeEscalation(), c.getName());
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
            assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), c.getName());
        }
        assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    }

    @Test
    void bothContainersHaveRequestsAndLimits() {
        for (Container c : pod.getContainers()) {
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(c.getResources().getRequests().get(resource), c.getName() + " request " + resource);
                assertNotNull(c.getResources().getLimits().get(resource), c.getName() + " limit " + resource);
            }
        }
    }

    @Test
    void appGetsItsIdentityFromTheDownwardApi() {
        Map<String, EnvVar> env = env(container("app-service"));
        assertEquals("metadata.name", env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("metadata.namespace", env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("status.podIP", env.get("POD_IP").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("spec.nodeName", env.get("NODE_NAME").getValueFrom().getFieldRef().getFieldPath());
        // Chaos stays off unless an overlay turns it on (the kind overlay does, with a token).
        assertNull(env.get("PODLAB_CHAOS_ENABLED"));
    }

    @Test
    void shutdownGivesTheDrainTimeToFinish() {
        Container app = container("app-service");
        long preStop = app.getLifecycle().getPreStop().getSleep().getSeconds();
        // preStop + quarkus.shutdown.delay (10 s) + quarkus.shutdown.timeout (4 s) + stopping (~1.5 s)
        // must fit the grace period; ShutdownIT measures the stop.
        assertTrue(preStop + 10 + 4 + 1.5 < pod.getTerminationGracePeriodSeconds(),
                "grace period " + pod.getTerminationGracePeriodSeconds() + " s too short");
    }

    @Test
    void replicasSpreadOverNodesButStillScheduleOnFewNodes() {
        var spread = pod.getTopologySpreadConstraints().get(0);
        assertEquals("kubernetes.io/hostname", spread.getTopologyKey());
        assertEquals("ScheduleAnyway", spread.getWhenUnsatisfiable());
        assertEquals("app-service", spread.getLabelSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    private static void assertProbe(Probe probe, String path, int port, int period, int failureThreshold) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getIntVal(), path);
        assertEquals(period, probe.getPeriodSeconds(), path);
        assertEquals(failureThreshold, probe.getFailureThreshold(), path);
    }

    private static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static String mountPath(Container c, String volume) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).map(VolumeMount::getMountPath)
                .findFirst().orElse(null);
    }
}

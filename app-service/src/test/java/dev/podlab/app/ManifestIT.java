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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the manifest Quarkus generated at package time, YAML fragment merged in, against the
 * configuration it comes from (application.properties, the fragment): no value repeated here.
 */
class ManifestIT {

    private static final String FRAGMENT = "src/main/kubernetes/kubernetes.yml";
    /** The project version (the pom's, via failsafe): the tag of both images. */
    private static final String VERSION = System.getProperty("project.version");

    private static List<HasMetadata> resources;
    private static Deployment deployment;
    private static Service service;
    private static PodSpec pod;
    /** The app's configuration as its pod sees it: application.properties (prod) under the manifest's env. */
    private static SmallRyeConfig config;

    @BeforeAll
    static void load() throws IOException {
        resources = read(Path.of("target/kubernetes/kubernetes.yml"));
        deployment = only(resources, Deployment.class);
        service = only(resources, Service.class);
        pod = deployment.getSpec().getTemplate().getSpec();
        config = new SmallRyeConfigBuilder().withProfile("prod")
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(ManifestIT.class.getResource("/application.properties"), 250),
                        new EnvConfigSource(literalEnv(container("app-service")), 300))
                .build();
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
        assertEquals("podlab/app-service:" + VERSION, app.getImage());
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
    void appProbesHaveTheConfiguredTimings() {
        Container app = container("app-service");
        Map<String, Probe> probes = new TreeMap<>();
        probes.put("startup", app.getStartupProbe());
        probes.put("readiness", app.getReadinessProbe());
        probes.put("liveness", app.getLivenessProbe());
        int port = config.getValue("quarkus.kubernetes.ports.http.container-port", Integer.class);
        probes.forEach((name, probe) -> {
            String key = "quarkus.kubernetes." + name + "-probe.";
            assertNotNull(probe, name);
            assertEquals(port, probe.getHttpGet().getPort().getIntVal(), name);
            assertEquals(seconds(key + "period"), probe.getPeriodSeconds(), name);
            assertEquals(seconds(key + "timeout"), probe.getTimeoutSeconds(), name);
            assertEquals(config.getValue(key + "failure-threshold", Integer.class), probe.getFailureThreshold(), name);
        });
        // Three different health checks (their answers are tested in ProbesTest).
        assertEquals(3, probes.values().stream().map(p -> p.getHttpGet().getPath()).distinct().count(), "probe paths");
        // Where the workshop text puts them (SmallRye Health's path settings).
        assertEquals(config.getValue("quarkus.smallrye-health.readiness-path", String.class), probes.get("readiness").getHttpGet().getPath());
        assertEquals(config.getValue("quarkus.smallrye-health.liveness-path", String.class), probes.get("liveness").getHttpGet().getPath());
        Probe startup = app.getStartupProbe();
        long startupBudget = (long) startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertTrue(config.getValue("podlab.startup.warmup", Duration.class).toSeconds() < startupBudget,
                "the startup probe gives up (" + startupBudget + " s) before the warm-up ends");
    }

    @Test
    void sidecarHasItsImagePortProbesAndLogDir() {
        Container sidecar = container("sidecar-logger");
        assertEquals("podlab/sidecar-logger:" + VERSION, sidecar.getImage());
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
    void bothContainersHaveTheConfiguredRequestsAndLimits() throws IOException {
        ResourceRequirements app = container("app-service").getResources();
        for (String resource : List.of("cpu", "memory")) {
            assertEquals(configuredQuantity("requests." + resource), app.getRequests().get(resource), "app request " + resource);
            assertEquals(configuredQuantity("limits." + resource), app.getLimits().get(resource), "app limit " + resource);
        }
        // The sidecar's have their one home in the fragment.
        PodSpec fragment;
        try (InputStream in = Files.newInputStream(Path.of(FRAGMENT))) {
            fragment = new KubernetesSerialization().unmarshal(in, Deployment.class).getSpec().getTemplate().getSpec();
        }
        Container sidecar = fragment.getContainers().stream().filter(c -> c.getName().equals("sidecar-logger")).findFirst()
                .orElseThrow(() -> new AssertionError("no sidecar-logger in " + FRAGMENT));
        assertEquals(sidecar.getResources(), container("sidecar-logger").getResources());
        for (Container c : pod.getContainers()) {
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = c.getResources().getRequests().get(resource);
                Quantity limit = c.getResources().getLimits().get(resource);
                assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                        c.getName() + " " + resource + " request " + request + " above its limit " + limit);
            }
        }
    }

    private static Quantity configuredQuantity(String resource) {
        return new Quantity(config.getValue("quarkus.kubernetes.resources." + resource, String.class));
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
    void appEnvHoldsTheConfiguredValuesAndNoOthers() {
        String prefix = "quarkus.kubernetes.env.vars.";
        Map<String, String> configured = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.toMap(name -> name.substring(prefix.length()).toUpperCase(Locale.ROOT).replaceAll("[-.]", "_"),
                        name -> config.getValue(name, String.class)));
        assertEquals(configured, literalEnv(container("app-service")));
    }

    @Test
    void shutdownGivesTheDrainTimeToFinish() {
        long preStop = container("app-service").getLifecycle().getPreStop().getSleep().getSeconds();
        Duration drain = config.getValue("quarkus.shutdown.delay", Duration.class);
        Duration inFlight = config.getValue("quarkus.shutdown.timeout", Duration.class);
        long needed = preStop + drain.toSeconds() + inFlight.toSeconds();
        assertTrue(needed < pod.getTerminationGracePeriodSeconds(), "grace period " + pod.getTerminationGracePeriodSeconds()
                + " s too short for preStop " + preStop + " s + drain " + drain + " + in-flight timeout " + inFlight);
    }

    @Test
    void replicasSpreadOverNodesButStillScheduleOnFewNodes() {
        var spread = pod.getTopologySpreadConstraints().get(0);
        assertEquals("kubernetes.io/hostname", spread.getTopologyKey());
        assertEquals("ScheduleAnyway", spread.getWhenUnsatisfiable());
        assertEquals("app-service", spread.getLabelSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    private static int seconds(String key) {
        return (int) config.getValue(key, Duration.class).toSeconds();
    }

    /** Env vars with a literal value (not from the Downward API or a Secret). */
    private static Map<String, String> literalEnv(Container c) {
        return c.getEnv().stream().filter(e -> e.getValueFrom() == null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
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

package dev.podlab.app.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.podlab.app.cluster.ClusterView.NodesView;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The test seam for the dashboard: a watcher whose cache holds fixed Kubernetes objects, put
 * through the real {@link ClusterMapper}. Their times are fixed when the app starts, so ages move
 * as they would in a cluster. Enabled by {@link Profile} only.
 */
@Alternative
@Singleton
public class FixedClusterWatcher extends ClusterWatcher {

    static final String POD = "app-service-7d9c8b6f5-x2kqp";
    private final Instant started = Instant.now();

    /** One pod's life in the last 40 minutes, as the kubelet and scheduler report it. */
    final List<Event> events = List.of(
            ClusterMapperTest.event(POD, "Normal", "Started", "Started container app-service", started.minusSeconds(3)),
            ClusterMapperTest.event(POD, "Warning", "Unhealthy", "Liveness probe failed: Get \"http://10.244.1.7:8080/q/health/live\": "
                    + "context deadline exceeded (Client.Timeout exceeded while awaiting headers)", started.minusSeconds(70)),
            ClusterMapperTest.event(POD, "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    started.minusSeconds(125)),
            ClusterMapperTest.event(POD, "Warning", "BackOff", "Back-off restarting failed container app-service",
                    started.minusSeconds(8 * 60)),
            ClusterMapperTest.event(POD, "Normal", "Pulled", "Container image already present on machine",
                    started.minusSeconds(10 * 60)),
            ClusterMapperTest.event(POD, "Warning", "FailedMount", "MountVolume.SetUp failed for volume \"app-logs\"",
                    started.minusSeconds(12 * 60)),
            ClusterMapperTest.event(POD, "Warning", "FailedScheduling", "0/3 nodes are available",
                    started.minusSeconds(40 * 60)));

    @Override
    public ClusterView snapshot() {
        return ClusterMapper.view(POD, "podlab", "app-service", Instant.now(),
                List.of(ClusterMapperTest.pod(POD, started.minusSeconds(45 * 60).toString())), List.of(), events,
                new NodesView(false, "the ServiceAccount may not list nodes (no ClusterRole for nodes)", List.of()));
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClusterWatcher.class);
        }
    }
}

package dev.podlab.app.dashboard;

import dev.podlab.app.chaos.ChaosSettings;
import dev.podlab.app.cluster.ClusterView;
import dev.podlab.app.cluster.ClusterWatcher;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard's server side: the cluster view ({@link PodChaosProxy} is its chaos side). It runs
 * on the event loop, so it answers while this pod's worker threads hang.
 */
@Path("/")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    ClusterWatcher watcher;

    @Inject
    ChaosSettings chaos;

    @GET
    @Path("api/cluster")
    @Operation(summary = "The app's pods, its Service's EndpointSlices, nodes and recent pod events, "
            + "from this pod's watches; available=false with a reason outside Kubernetes")
    public ClusterView cluster() {
        return watcher.snapshot().withChaos(new ClusterView.ChaosInfo(chaos.enabled(), chaos.token().isPresent()));
    }
}

package dev.podlab.app.cluster;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What GET /api/cluster answers: the app's pods, its Service's EndpointSlices, the nodes and recent
 * pod events (the last {@link ClusterMapper#EVENTS_WINDOW}), as this pod's informers see them, and CPU and
 * memory from the metrics API ({@link MetricsReader}). Without a cluster view (outside
 * Kubernetes, switched off, or not permitted) only {@code available=false}, {@code reason},
 * {@code servedBy} and {@code chaos} are set. The watcher builds it; the resource attaches {@code chaos}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ClusterView")
public record ClusterView(
        boolean available,
        @Schema(examples = "not running in Kubernetes") String reason,
        @Schema(description = "The pod that built this view") String servedBy,
        ChaosInfo chaos,
        String namespace,
        String service,
        @Schema(description = "The server's clock when this view was built: the page counts event ages from it") Instant observedAt,
        List<PodView> pods,
        List<EndpointView> endpoints,
        NodesView nodes,
        List<EventView> events,
        MetricsView metrics) {

    static ClusterView unavailable(String reason, String servedBy) {
        return new ClusterView(false, reason, servedBy, null, null, null, Instant.now(), null, null, null, null, null);
    }

    public ClusterView withChaos(ChaosInfo chaos) {
        return new ClusterView(available, reason, servedBy, chaos, namespace, service, observedAt, pods, endpoints,
                nodes, events, metrics);
    }

    /** Whether the dashboard may show chaos controls, and whether it must ask for the token. */
    public record ChaosInfo(boolean enabled, boolean tokenRequired) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PodView(String name, String node, String podIp, String phase,
            @Schema(description = "kubectl's STATUS column: Running, Terminating, CrashLoopBackOff, ...") String status,
            boolean ready, boolean deleting, int restarts, Instant createdAt, long ageSeconds,
            List<ContainerView> containers,
            @Schema(description = "The latest probe failure event of this pod, if any") EventView lastProbeFailure,
            @Schema(description = "What its containers use now, from the metrics API") Amounts usage,
            @Schema(description = "Sum of its containers' requests") Amounts requests,
            @Schema(description = "Sum of its containers' limits; a part is null when a container has no such limit") Amounts limits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContainerView(String name, boolean ready, boolean started, int restarts,
            @Schema(description = "running, waiting or terminated") String state,
            @Schema(description = "waiting/terminated reason, e.g. CrashLoopBackOff, Error") String reason,
            @Schema(description = "How the previous run ended, e.g. 'Error, exit 3'") String lastTermination) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointView(String slice, String ip, String pod, String node, boolean ready, boolean serving,
            boolean terminating) {
    }

    /** {@code readable=false}: the ServiceAccount may not list nodes; the list then holds the pods' nodes, status unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodesView(boolean readable, String reason, List<NodeView> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String name,
            @Schema(description = "From the Ready condition: Ready (True), NotReady (False: the node reports itself "
                    + "unhealthy) or Unknown (the node stopped reporting)") String status,
            boolean controlPlane, @Schema(description = "The Ready condition's reason when not Ready") String reason,
            @Schema(description = "What the node uses now, from the metrics API") Amounts usage,
            @Schema(description = "What pods may request on this node") Amounts allocatable) {

        NodeView withUsage(Amounts usage) {
            return new NodeView(name, status, controlPlane, reason, usage, allocatable);
        }
    }

    /** CPU in millicores, memory in bytes; a null part is not known (or, for limits, not set). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amounts(Long cpuMillis, Long memoryBytes) {
    }

    /** Whether the metrics API (metrics.k8s.io, served by metrics-server) gave pod and node usage; if not, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricsView(boolean pods, @Schema(examples = "no metrics API (metrics-server) in this cluster") String podsReason,
            boolean nodes, String nodesReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(@Schema(description = "When it last happened") Instant time, String type, String reason,
            String object, String message, int count,
            @Schema(description = "A probe failure in plain words, e.g. 'readiness probe failed: the app said it is "
                    + "not ready (HTTP 503)'") String explanation) {
    }
}

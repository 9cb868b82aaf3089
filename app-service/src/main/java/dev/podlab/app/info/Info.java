package dev.podlab.app.info;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one Pod says about itself: enough to see which replica answered and in what state it is. */
@Schema(name = "Info")
public record Info(
        @Schema(description = "Pod name (Downward API metadata.name; hostname outside Kubernetes)") String pod,
        @Schema(description = "Namespace (\"local\" outside Kubernetes)") String namespace,
        @Schema(description = "Pod IP (status.podIP)") String podIp,
        @Schema(description = "Node the Pod runs on (spec.nodeName; \"local\" outside Kubernetes)") String node,
        String version,
        Instant startedAt,
        long uptimeSeconds,
        @Schema(description = "What the liveness probe would answer now") boolean live,
        @Schema(description = "What the readiness probe would answer now") boolean ready,
        @Schema(description = "Requests to / and /api/info this process has answered, this one included") long requestsServed) {
}

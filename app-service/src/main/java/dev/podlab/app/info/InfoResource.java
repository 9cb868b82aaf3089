package dev.podlab.app.info;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.podlab.app.chaos.ChaosSwitches;
import dev.podlab.app.error.ErrorBody;
import dev.podlab.app.health.HealthState;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The normal API: the only endpoints that chaos latency and error injection act on. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "500", description = "Failure injected by POST /admin/errors",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class InfoResource {

    private final AtomicLong requestsServed = new AtomicLong();

    @Inject
    PodIdentity identity;

    @Inject
    HealthState health;

    @Inject
    ChaosSwitches chaos;

    @ConfigProperty(name = "podlab.version")
    String version;

    // JSON for now; an HTML variant for browsers can sit beside it with @Produces(TEXT_HTML).
    @GET
    @Operation(summary = "Which Pod answered (same body as /api/info)")
    public Info root() {
        return serve();
    }

    @GET
    @Path("api/info")
    @Operation(summary = "Which Pod answered, its identity, version, uptime and probe states")
    public Info info() {
        return serve();
    }

    private Info serve() {
        chaos.disturb();
        Instant startedAt = health.startedAt();
        return new Info(identity.pod(), identity.namespace(), identity.podIp(), identity.node(), version,
                startedAt, Duration.between(startedAt, Instant.now()).toSeconds(),
                health.liveness().up(), health.readiness().up(), requestsServed.incrementAndGet());
    }
}

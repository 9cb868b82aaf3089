package dev.podlab.app.info;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.podlab.app.chaos.FaultTarget;
import dev.podlab.app.error.ErrorBody;
import dev.podlab.app.health.HealthState;
import dev.podlab.app.logging.AccessLog;
import dev.podlab.app.pod.PodIdentity;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The normal API: the only endpoints that chaos latency, errors and hang act on ({@link FaultTarget}).
 * It never blocks, so it answers on the event loop, without a hop to a worker thread.
 */
@Path("/")
@FaultTarget
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "500", description = "Failure injected by POST /admin/errors",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class InfoResource {

    private final AtomicLong requestsServed = new AtomicLong();

    @Inject
    PodIdentity identity;

    @Inject
    HealthState health;

    @ConfigProperty(name = "podlab.version")
    String version;

    /** JSON for API clients (curl's Accept: *&#47;*, REST clients); a browser asking for HTML gets the dashboard. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Which Pod answered (same body as /api/info); browsers (Accept: text/html) are sent to /dashboard/")
    @APIResponse(responseCode = "200", description = "Which Pod answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Info.class)))
    @APIResponse(responseCode = "303", description = "Accept prefers text/html: see /dashboard/")
    public Response root(@HeaderParam(HttpHeaders.ACCEPT) String accept, HttpHeaders headers) {
        if (Browsers.wantsHtml(accept)) {
            return Response.seeOther(URI.create("/dashboard/")).build();
        }
        return Response.ok(serve(headers), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("api/info")
    @Operation(summary = "Which Pod answered, its identity, version, uptime and probe states")
    @APIResponse(responseCode = "200", description = "Which Pod answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Info.class)))
    public Info info(HttpHeaders headers) {
        return serve(headers);
    }

    private Info serve(HttpHeaders headers) {
        // The process's own warm-up requests (WarmUp) are not the workshop's traffic.
        boolean warmUp = AccessLog.WARM_UP_AGENT.equals(headers.getHeaderString(HttpHeaders.USER_AGENT));
        long served = warmUp ? requestsServed.get() : requestsServed.incrementAndGet();
        Instant startedAt = health.startedAt();
        return new Info(identity.pod(), identity.namespace(), identity.podIp(), identity.node(), version,
                startedAt, Duration.between(startedAt, Instant.now()).toSeconds(),
                health.liveness().up(), health.readiness().up(), served);
    }
}

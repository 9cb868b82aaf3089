package dev.podlab.app.chaos;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Breaks the app on purpose so the workshop can watch Kubernetes react. Runs on the event loop
 * (@NonBlocking), so it still answers while /admin/hang has every worker thread blocked.
 * {@link ChaosGuard} decides who may call it; {@link ChaosActionsInOpenApi} documents its answers
 * and those of bad input.
 */
@Path("/admin")
@ChaosGuarded
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class ChaosResource {

    private static final Logger LOG = Logger.getLogger(ChaosResource.class);
    static final int MAX_LATENCY_MS = 60_000;
    static final int MAX_HANG_SECONDS = 3_600;
    // Long enough for the 202 to leave before the process dies.
    private static final long CRASH_DELAY_MS = 250;

    public record Latency(@Schema(required = true, minimum = "0", maximum = "" + MAX_LATENCY_MS) Integer ms) {
    }

    public record Errors(@Schema(required = true, minimum = "0", maximum = "100") Integer percent) {
    }

    public record Crash(@Schema(required = true, minimum = "0", maximum = "255") Integer exitCode) {
    }

    public record HangFor(@Schema(required = true, minimum = "0", maximum = "" + MAX_HANG_SECONDS,
            description = "0: until POST /admin/reset or a restart") Integer seconds) {
    }

    @Inject
    ChaosSwitches switches;

    @Inject
    Hang hang;

    @Inject
    ProcessExit processExit;

    @Inject
    ObjectMapper json;

    @GET
    @Path("state")
    @Operation(summary = "Current chaos switches")
    @APIResponse(responseCode = "200", description = "The switches", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    public ChaosState state() {
        return switches.state();
    }

    @POST
    @Path("{probe}/{action}")
    @Operation(summary = "Fail or recover a probe: /admin/readiness/fail, /admin/readiness/recover, "
            + "/admin/liveness/fail, /admin/liveness/recover")
    @APIResponse(responseCode = "200", description = "Switched", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    public ChaosState probe(@PathParam("probe") String probe, @PathParam("action") String action) {
        String path = probe + "/" + action;
        switch (ChaosAction.of(path).orElseThrow(() -> unknown(path))) {
            case READINESS_FAIL -> switches.readinessFailed(true);
            case READINESS_RECOVER -> switches.readinessFailed(false);
            case LIVENESS_FAIL -> switches.livenessFailed(true);
            case LIVENESS_RECOVER -> switches.livenessFailed(false);
            default -> throw unknown(path);
        }
        return switches.state();
    }

    @POST
    @Path("latency")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add this many ms of latency to / and /api/info (0 turns it off)")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    public ChaosState latency(Latency body) {
        switches.latencyMs(field(body, Latency::ms, "ms", 0, MAX_LATENCY_MS));
        return switches.state();
    }

    @POST
    @Path("errors")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fail this percentage of requests to / and /api/info with HTTP 500 (0 turns it off)")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    public ChaosState errors(Errors body) {
        switches.errorPercent(field(body, Errors::percent, "percent", 0, 100));
        return switches.state();
    }

    @POST
    @Path("hang")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Block every worker thread; liveness goes DOWN and Kubernetes restarts the container")
    @APIResponse(responseCode = "202", description = "Hanging", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = HangFor.class)))
    public ChaosState hang(String body) throws JsonProcessingException {
        // The body is optional (no body: until reset), so it is read here: a typed parameter would
        // also take a JSON null for "no body".
        HangFor request = body == null || body.isEmpty() ? new HangFor(0) : json.readValue(body, HangFor.class);
        if (request == null) {
            throw new BadRequestException("the body must be a JSON object such as {\"seconds\": 30}, or none");
        }
        hang.start(Duration.ofSeconds(field(request, HangFor::seconds, "seconds", 0, MAX_HANG_SECONDS)));
        return switches.state();
    }

    @POST
    @Path("crash")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Exit the process at once with this exit code (0-255)")
    @APIResponse(responseCode = "202", description = "About to exit", content = @Content(schema = @Schema(implementation = Crash.class)))
    public Crash crash(Crash body) {
        int exitCode = field(body, Crash::exitCode, "exitCode", 0, 255);
        LOG.warnf("chaos: crashing with exit code %d", exitCode);
        CompletableFuture.delayedExecutor(CRASH_DELAY_MS, TimeUnit.MILLISECONDS)
                .execute(() -> processExit.halt(exitCode));
        return new Crash(exitCode);
    }

    @POST
    @Path("reset")
    @Operation(summary = "Turn every switch off and end a hang")
    @APIResponse(responseCode = "200", description = "All off", content = @Content(schema = @Schema(implementation = ChaosState.class)))
    public ChaosState reset() {
        switches.reset();
        return switches.state();
    }

    @POST
    @Path("{action: (?!state$)[^/]+}")
    // Not an operation: it only turns any other path into a 400 that lists the actions.
    @Operation(hidden = true)
    public ChaosState unknownAction(@PathParam("action") String action) {
        throw unknown(action);
    }

    private static BadRequestException unknown(String action) {
        return new BadRequestException(ChaosAction.unknown(action));
    }

    /** Reads one required integer field of a JSON body and checks its range. */
    private static <T> int field(T body, Function<T, Integer> getter, String name, int min, int max) {
        Integer value = body == null ? null : getter.apply(body);
        if (value == null) {
            throw new BadRequestException("JSON body with integer field '" + name + "' is required");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}

package dev.podlab.app.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * Breaks the app on purpose so the workshop can watch Kubernetes react: the switches of
 * {@link ChaosSwitch}, a hang and a crash. Runs on the event loop (@NonBlocking), so it still
 * answers while /admin/hang has every worker thread blocked. {@link ChaosGuard} decides who may
 * call it; {@link ChaosActionsInOpenApi} documents the switches' endpoints, their answers and those
 * of bad input.
 */
@Path("/admin")
@ChaosGuarded
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class ChaosResource {

    private static final Logger LOG = Logger.getLogger(ChaosResource.class);
    static final int MAX_HANG_SECONDS = 3_600;
    // Long enough for the 202 to leave before the process dies.
    private static final long CRASH_DELAY_MS = 250;

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
    @APIResponse(responseCode = "200", description = "The switches", content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    public Map<String, Object> state() {
        return switches.state();
    }

    @POST
    @Path("{probe}/{action}")
    @Operation(summary = "Turn a flag on (fail) or off (recover): /admin/readiness/fail makes the readiness probe fail")
    @APIResponse(responseCode = "200", description = "Switched", content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    public Map<String, Object> flag(@PathParam("probe") String probe, @PathParam("action") String action) {
        String path = probe + "/" + action;
        ChaosSwitch flag = ChaosSwitch.flag(probe).orElseThrow(() -> unknown(path));
        switch (action) {
            case ChaosSwitch.FAIL -> switches.set(flag, 1);
            case ChaosSwitch.RECOVER -> switches.set(flag, 0);
            default -> throw unknown(path);
        }
        return switches.state();
    }

    @POST
    @Path("{level: (?!state$)[^/]+}")
    // One method for every level (POST /admin/latency, /admin/errors ...), each documented on its own
    // path by ChaosActionsInOpenApi; any other path is a 400 that lists the actions. No @Consumes:
    // ChaosGuard refuses a body that is not JSON.
    @Operation(hidden = true)
    public Map<String, Object> level(@PathParam("level") String path, String body) throws JsonProcessingException {
        ChaosSwitch level = ChaosSwitch.level(path).orElseThrow(() -> unknown(path));
        JsonNode tree = body == null || body.isBlank() ? null : json.readTree(body);
        JsonNode value = tree == null || !tree.isObject() ? null : tree.get(level.field());
        Integer number = value == null || value.isNull() ? null : json.treeToValue(value, Integer.class);
        switches.set(level, inRange(level.field(), number, level.max()));
        return switches.state();
    }

    @POST
    @Path(ChaosAction.HANG)
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Block every worker thread; liveness goes DOWN and Kubernetes restarts the container")
    @APIResponse(responseCode = "202", description = "Hanging", content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = HangFor.class)))
    public Map<String, Object> hang(String body) throws JsonProcessingException {
        // The body is optional (no body: until reset), so it is read here: a typed parameter would
        // also take a JSON null for "no body".
        HangFor request = body == null || body.isEmpty() ? new HangFor(0) : json.readValue(body, HangFor.class);
        if (request == null) {
            throw new BadRequestException("the body must be a JSON object such as {\"seconds\": 30}, or none");
        }
        hang.start(Duration.ofSeconds(inRange("seconds", request.seconds(), MAX_HANG_SECONDS)));
        return switches.state();
    }

    @POST
    @Path(ChaosAction.CRASH)
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Exit the process at once with this exit code (0-255)")
    @APIResponse(responseCode = "202", description = "About to exit", content = @Content(schema = @Schema(implementation = Crash.class)))
    public Crash crash(Crash body) {
        int exitCode = inRange("exitCode", body == null ? null : body.exitCode(), 255);
        LOG.warnf("chaos: crashing with exit code %d", exitCode);
        CompletableFuture.delayedExecutor(CRASH_DELAY_MS, TimeUnit.MILLISECONDS)
                .execute(() -> processExit.halt(exitCode));
        return new Crash(exitCode);
    }

    @POST
    @Path(ChaosAction.RESET)
    @Operation(summary = "Turn every switch off and end a hang")
    @APIResponse(responseCode = "200", description = "All off", content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    public Map<String, Object> reset() {
        switches.reset();
        return switches.state();
    }

    private static BadRequestException unknown(String action) {
        return new BadRequestException(ChaosAction.unknown(action));
    }

    /** A required integer field of a JSON body, from 0 to max. */
    private static int inRange(String name, Integer value, int max) {
        if (value == null) {
            throw new BadRequestException("JSON body with integer field '" + name + "' is required");
        }
        if (value < 0 || value > max) {
            throw new BadRequestException(name + " must be between 0 and " + max + ", was " + value);
        }
        return value;
    }
}

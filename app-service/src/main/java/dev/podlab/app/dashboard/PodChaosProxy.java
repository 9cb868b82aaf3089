package dev.podlab.app.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import dev.podlab.app.chaos.ChaosAction;
import dev.podlab.app.chaos.ChaosGuarded;
import dev.podlab.app.chaos.ChaosSettings;
import dev.podlab.app.chaos.ChaosSwitches;
import dev.podlab.app.cluster.ClusterSettings;
import dev.podlab.app.cluster.ClusterWatcher;
import dev.podlab.app.error.ErrorBody;
import dev.podlab.app.pod.PodIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The dashboard's chaos side: the chaos API of any pod of the app, reached through this pod (the
 * browser only reaches the Service, which picks a pod for it). {@link ChaosGuarded} checks the
 * caller here first; the token then goes only to pods this pod's watch knows. Runs on the event
 * loop, so it answers while this pod's worker threads hang. The guard's answers (and 400) are
 * documented by {@link dev.podlab.app.chaos.ChaosActionsInOpenApi}, as for the chaos API itself.
 */
@Path("/api/pods/{name}/admin")
@ChaosGuarded
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No pod of the app with this name (or not a pod name)",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "409", description = "The pod has no IP yet",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "502", description = "The pod did not answer",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class PodChaosProxy {

    /** What a Kubernetes object name may be (RFC 1123 subdomain). */
    static final String POD_NAME_REGEX = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";
    private static final Pattern POD_NAME = Pattern.compile(POD_NAME_REGEX);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    ClusterWatcher watcher;

    @Inject
    PodIdentity identity;

    @Inject
    ClusterSettings settings;

    @GET
    @Path("state")
    @Operation(summary = "GET /admin/state of one pod of the app, through this pod")
    @APIResponse(responseCode = "200", description = "The pod's switches",
            content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    public CompletionStage<Response> podState(@PathParam("name") @Parameter(schema = @Schema(pattern = "^" + POD_NAME_REGEX + "$")) String name,
            @HeaderParam(ChaosSettings.TOKEN_HEADER) String token, @Context HttpServerRequest request) {
        return forward("GET", name, "state", token, null, null, request);
    }

    @POST
    @Path("{action: (?!state$).+}")
    // Bodies must be JSON, but a bodiless POST may say only X-Chaos-Token (ChaosGuard): no @Consumes.
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @Operation(summary = "POST /admin/{action} of one pod of the app, through this pod (same body, same answers)")
    @APIResponse(responseCode = "200", description = "The pod's answer", content = @Content(schema = @Schema(ref = ChaosSwitches.STATE_SCHEMA)))
    @APIResponse(responseCode = "202", description = "The pod's answer to hang or crash")
    public CompletionStage<Response> podAction(@PathParam("name") @Parameter(schema = @Schema(pattern = "^" + POD_NAME_REGEX + "$")) String name, @PathParam("action") String action,
            @HeaderParam(ChaosSettings.TOKEN_HEADER) String token, @HeaderParam("Content-Type") String contentType, String body,
            @Context HttpServerRequest request) {
        return forward("POST", name, action, token, contentType, body, request);
    }

    private CompletionStage<Response> forward(String method, String name, String action, String token,
            String contentType, String body, HttpServerRequest request) {
        if (!POD_NAME.matcher(name).matches()) {
            return done(Response.Status.NOT_FOUND, "no pod '" + name + "': not a pod name");
        }
        if (method.equals("POST") && !ChaosAction.known(action)) {
            return done(Response.Status.BAD_REQUEST, ChaosAction.unknown(action));
        }
        String base;
        if (name.equals(identity.pod())) {
            base = "http://127.0.0.1:" + request.localAddress().port(); // this pod, whatever port it listens on
        } else {
            // The token goes only to a pod this pod's watch knows: the app's label, this namespace, an IP.
            var pod = watcher.pod(name).filter(p -> identity.namespace().equals(p.getMetadata().getNamespace()));
            if (pod.isEmpty()) {
                return done(Response.Status.NOT_FOUND, watcher.available()
                        ? "no pod '" + name + "' of the app in namespace " + identity.namespace()
                        : "no pod '" + name + "' here (" + watcher.unavailableReason() + "; only this pod, "
                                + identity.pod() + ", can be reached)");
            }
            String ip = pod.get().getStatus() == null ? null : pod.get().getStatus().getPodIP();
            if (ip == null || ip.isBlank()) {
                return done(Response.Status.CONFLICT, "pod '" + name + "' has no IP yet");
            }
            base = "http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + settings.podPort();
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(base + "/admin/" + action)).timeout(TIMEOUT)
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            out.header(ChaosSettings.TOKEN_HEADER, token);
        }
        if (contentType != null) {
            out.header("Content-Type", contentType);
        }
        return http.sendAsync(out.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> Response.status(r.statusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                        .header("X-Podlab-Pod", name).entity(r.body()).build())
                .exceptionally(e -> ErrorBody.response(Response.Status.BAD_GATEWAY, "pod '" + name
                        + "' did not answer: " + (e.getCause() == null ? e : e.getCause())));
    }

    private static CompletionStage<Response> done(Response.Status status, String reason) {
        return CompletableFuture.completedFuture(ErrorBody.response(status, reason));
    }
}

package dev.podlab.app.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import dev.podlab.app.error.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keeps the chaos API shut unless enabled, and behind X-Chaos-Token when a token is configured. */
@Provider
@ChaosGuarded
public class ChaosGuard implements ContainerRequestFilter {

    static final String TOKEN_HEADER = "X-Chaos-Token";

    @ConfigProperty(name = "podlab.chaos.enabled")
    boolean enabled;

    @ConfigProperty(name = "podlab.chaos.token")
    Optional<String> token;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            deny(request, Response.Status.FORBIDDEN, "chaos API is disabled; enable it with PODLAB_CHAOS_ENABLED=true");
        } else if (token.isPresent() && !matches(token.get(), request.getHeaderString(TOKEN_HEADER))) {
            deny(request, Response.Status.UNAUTHORIZED, "missing or wrong " + TOKEN_HEADER + " header");
        }
    }

    private static boolean matches(String expected, String given) {
        // Constant-time comparison: the token is a (small) secret.
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void deny(ContainerRequestContext request, Response.Status status, String reason) {
        request.abortWith(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(reason)).build());
    }
}

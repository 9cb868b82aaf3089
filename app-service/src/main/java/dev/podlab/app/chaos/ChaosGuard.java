package dev.podlab.app.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import dev.podlab.app.error.ErrorBody;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Keeps the chaos API shut unless enabled, behind X-Chaos-Token when a token is configured, and out
 * of reach of cross-site forms: a POST must say Content-Type: application/json (a bodiless one may
 * say X-Chaos-Token instead), two things a plain HTML form cannot send.
 */
@jakarta.ws.rs.ext.Provider
@ChaosGuarded
public class ChaosGuard implements ContainerRequestFilter {

    // Looked up per request: REST filters are built at static init, before config mappings exist.
    @Inject
    Provider<ChaosSettings> settingsProvider;

    @Override
    public void filter(ContainerRequestContext request) {
        ChaosSettings settings = settingsProvider.get();
        String token = request.getHeaderString(ChaosSettings.TOKEN_HEADER);
        if (!settings.enabled()) {
            deny(request, Response.Status.FORBIDDEN, "chaos API is disabled; enable it with PODLAB_CHAOS_ENABLED=true");
        } else if (settings.token().isPresent() && !matches(settings.token().get(), token)) {
            deny(request, Response.Status.UNAUTHORIZED, "missing or wrong " + ChaosSettings.TOKEN_HEADER + " header");
        } else if ("POST".equals(request.getMethod()) && !json(request)) {
            if (hasBody(request)) {
                deny(request, Response.Status.UNSUPPORTED_MEDIA_TYPE,
                        "send the body as JSON, with header Content-Type: application/json");
            } else if (token == null) {
                deny(request, Response.Status.UNSUPPORTED_MEDIA_TYPE, "a chaos POST needs header Content-Type: "
                        + "application/json (the body may be empty) or header " + ChaosSettings.TOKEN_HEADER);
            }
        }
    }

    private static boolean json(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return type != null && type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(MediaType.APPLICATION_JSON);
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null
                || (length != null && !length.trim().equals("0"));
    }

    private static boolean matches(String expected, String given) {
        // Constant-time comparison: the token is a (small) secret.
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void deny(ContainerRequestContext request, Response.Status status, String reason) {
        request.abortWith(ErrorBody.response(status, reason));
    }
}

package dev.podlab.app.logging;

import java.util.regex.Pattern;

import dev.podlab.app.pod.PodIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One INFO line per API request (probes are not REST endpoints, so they stay out of the log).
 * These lines land in /var/log/app/app.log too, which is how the sidecar sees the app's traffic.
 */
public class AccessLog {

    /** The User-Agent of the process's own warm-up requests (info/WarmUp), which are not logged. */
    public static final String WARM_UP_AGENT = "podlab-warm-up";
    /** The logger category of the access lines. */
    static final String CATEGORY = "dev.podlab.app.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String STARTED = AccessLog.class.getName() + ".started";
    /** Any query parameter whose name mentions a token, a secret or a password. */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([^&=]*(?:token|secret|password)[^&=]*)=[^&]*");

    @Inject
    PodIdentity identity;

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void log(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest raw) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        // Every open dashboard polls the cluster view each second, which would drown the API's lines;
        // the warm-up is the process talking to itself.
        if ("GET".equals(method) && "/api/cluster".equals(path)
                || WARM_UP_AGENT.equals(request.getHeaderString(HttpHeaders.USER_AGENT))) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        // The query is kept: it lets a reader (or a test) find its own request in the log.
        // From Vert.x: the JAX-RS request URI needs a Host header, which HTTP/1.0 clients may omit.
        String query = raw.query();
        // Concatenated, not infof: a format string is parsed anew on every request.
        LOG.info("method=" + method + " path=" + path + (query == null ? "" : "?" + redact(query))
                + " status=" + response.getStatus() + " pod=" + identity.pod() + " durationMs=" + millis);
    }

    /** A token sent in the query (by mistake: the API reads only the header) must not reach the log. */
    static String redact(String query) {
        return SECRET_PARAM.matcher(query).replaceAll("$1=[redacted]");
    }
}

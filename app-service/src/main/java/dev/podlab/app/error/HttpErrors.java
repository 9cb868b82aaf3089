package dev.podlab.app.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/**
 * Client errors met before or outside the REST layer (every route: REST, static files, probes) get
 * the same JSON {@link ErrorBody} and a one-line log without stack frames: an Accept header that
 * cannot be parsed (the REST layer would fail with a 500 while negotiating), and Vert.x's own 400s
 * such as HTTP/1.1 without Host.
 */
@Singleton
public class HttpErrors {

    private static final Logger LOG = Logger.getLogger(HttpErrors.class);

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkAccept).failureHandler(this::clientError);
        router.route().method(HttpMethod.OPTIONS).order(Integer.MIN_VALUE + 1).handler(HttpErrors::options);
    }

    /** OPTIONS lists the methods the path really answers (the REST layer's own answer lists four for any path). */
    private static void options(RoutingContext ctx) {
        String allow = AllowedMethods.forPath(ctx.normalizedPath());
        if (allow == null) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, allow).end();
        }
    }

    private void checkAccept(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !parsable(accept)) {
            answer(ctx, 400, "cannot parse the Accept header: '" + accept + "'; send e.g. Accept: application/json");
        } else {
            ctx.next();
        }
    }

    /** Parsed with the same parser the REST layer uses, one media range at a time. */
    private static boolean parsable(String accept) {
        try {
            for (String range : accept.split(",")) {
                MediaType.valueOf(range.trim());
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void clientError(RoutingContext ctx) {
        int status = ctx.statusCode() == -1 && ctx.failure() instanceof HttpException h ? h.getStatusCode()
                : ctx.statusCode();
        if (status < 400 || status > 499 || ctx.response().headWritten()) {
            ctx.next(); // server errors: Quarkus logs them with their stack trace
            return;
        }
        String reason = ctx.failure() == null || ctx.failure().getMessage() == null
                ? "bad request (HTTP " + status + ")" : ctx.failure().getMessage();
        answer(ctx, status, reason);
    }

    private void answer(RoutingContext ctx, int status, String reason) {
        LOG.infof("client error %d %s %s: %s", status, ctx.request().method(), ctx.request().path(), reason);
        String body;
        try {
            body = json.writeValueAsString(new ErrorBody(reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of one string always serialises
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON).end(body);
    }
}

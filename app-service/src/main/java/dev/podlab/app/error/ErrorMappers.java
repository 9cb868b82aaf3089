package dev.podlab.app.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that reaches the REST layer into a JSON {@link ErrorBody}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus wraps a body that is not JSON at all in a bare "HTTP 400": say what was wrong.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.ResponseBuilder answer = Response.fromResponse(e.getResponse()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage()));
        String allow = e instanceof NotAllowedException ? AllowedMethods.forPath(uri.getPath()) : null;
        if (allow != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) == null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response notJson(NotSupportedException e) {
        // The usual cause: curl -d without -H 'Content-Type: application/json'.
        return ErrorBody.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                "send the body as JSON, with header Content-Type: application/json");
    }

    // Every Jackson exception Quarkus maps itself is listed, so this mapper wins over its built-in ones
    // (they answer 400 with no body, or 500 for a key given twice). Only request bodies are read here.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidDefinitionException.class})
    public Response unreadableJson(JsonProcessingException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        // Only genuinely unexpected failures get a stack trace, and only in the log.
        LOG.error("unhandled exception", e);
        return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR,
                "internal error: " + e.getClass().getSimpleName());
    }
}

package dev.podlab.app.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that reaches the REST layer into a JSON {@link ErrorBody}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public RestResponse<ErrorBody> webApplication(WebApplicationException e) {
        // Quarkus wraps a body that is not JSON at all in a bare "HTTP 400": say what was wrong.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return RestResponse.status(e.getResponse().getStatusInfo(), new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> notJson(NotSupportedException e) {
        // The usual cause: curl -d without -H 'Content-Type: application/json'.
        return RestResponse.status(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                new ErrorBody("send the body as JSON, with header Content-Type: application/json"));
    }

    // MismatchedInputException is listed so this wins over Quarkus' built-in mapper, which answers with no body.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public RestResponse<ErrorBody> unreadableJson(JsonProcessingException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST,
                new ErrorBody("malformed JSON body: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unexpected(Throwable e) {
        // Only genuinely unexpected failures get a stack trace, and only in the log.
        LOG.error("unhandled exception", e);
        return RestResponse.status(Response.Status.INTERNAL_SERVER_ERROR,
                new ErrorBody("internal error: " + e.getClass().getSimpleName()));
    }
}

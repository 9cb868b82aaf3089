package dev.podlab.app.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one shape every error response has, so clients never have to parse HTML or stack traces. */
@Schema(name = ErrorBody.SCHEMA, description = "Why the request failed")
public record ErrorBody(@Schema(examples = "percent must be between 0 and 100") String error) {
    /** Its name in the OpenAPI document. */
    public static final String SCHEMA = "Error";

    /** The one way this app answers an error from REST code. */
    public static Response response(Response.StatusType status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(reason)).build();
    }
}

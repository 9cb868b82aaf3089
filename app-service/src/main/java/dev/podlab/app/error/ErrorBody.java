package dev.podlab.app.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one shape every error response has, so clients never have to parse HTML or stack traces. */
@Schema(name = "Error", description = "Why the request failed")
public record ErrorBody(@Schema(examples = "percent must be between 0 and 100") String error) {
}

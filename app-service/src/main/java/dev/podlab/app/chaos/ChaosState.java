package dev.podlab.app.chaos;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The current chaos switches, returned by every chaos endpoint. */
@Schema(name = "ChaosState")
public record ChaosState(boolean readinessFailed, boolean livenessFailed, int latencyMs, int errorPercent,
                         @Schema(description = "Worker pool blocked by POST /admin/hang") boolean hanging) {
}

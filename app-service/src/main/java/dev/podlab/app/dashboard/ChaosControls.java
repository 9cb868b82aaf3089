package dev.podlab.app.dashboard;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.podlab.app.chaos.ChaosSettings;
import dev.podlab.app.chaos.ChaosSwitch;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the dashboard's chaos panel offers, from the chaos API's own list ({@link ChaosSwitch}): the
 * page builds a control for each switch from it. It changes nothing, so it needs no token.
 */
@Path("/api/chaos")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class ChaosControls {

    @Schema(name = "ChaosControls")
    public record Offer(boolean enabled, boolean tokenRequired, List<Control> switches) {
    }

    /** One switch: a flag (POST /admin/{path}/fail or /recover) or a level (POST /admin/{path} with {field: 0..max}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChaosControl")
    public record Control(@Schema(description = "Its field in the chaos state") String key, String path, boolean flag,
            @Schema(description = "A level's body field") String field, int max,
            @Schema(description = "What a level counts in") String unit,
            @Schema(description = "The value the page offers first") int suggested) {
    }

    @Inject
    ChaosSettings settings;

    @GET
    @Operation(summary = "The chaos switches the page offers, whether the chaos API is on and whether it needs the token")
    public Offer offer() {
        return new Offer(settings.enabled(), settings.token().isPresent(), Arrays.stream(ChaosSwitch.values())
                .map(s -> new Control(s.key(), s.path(), s.flag(), s.field(), s.max(), s.unit(), s.suggested())).toList());
    }
}

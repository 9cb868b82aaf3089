package dev.podlab.app.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** A probe's answer and the reason for it; the reason shows up in the probe's JSON body. */
public record Verdict(boolean up, String reason) {

    static Verdict up(String reason) {
        return new Verdict(true, reason);
    }

    static Verdict down(String reason) {
        return new Verdict(false, reason);
    }

    HealthCheckResponse toResponse(String name) {
        return HealthCheckResponse.named(name).status(up).withData("reason", reason).build();
    }
}

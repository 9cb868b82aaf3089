package dev.podlab.app.health;

import java.util.function.Supplier;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * The three Kubernetes probes (/q/health/started, /ready, /live). They are asynchronous so they
 * answer from the event loop: a stalled worker pool cannot stop liveness from saying so.
 */
@ApplicationScoped
public class Probes {

    @Inject
    HealthState state;

    @Produces
    @Startup
    AsyncHealthCheck startup() {
        return check("warm-up", state::startup);
    }

    @Produces
    @Readiness
    AsyncHealthCheck readiness() {
        return check("readiness", state::readiness);
    }

    @Produces
    @Liveness
    AsyncHealthCheck liveness() {
        return check("liveness", state::liveness);
    }

    private static AsyncHealthCheck check(String name, Supplier<Verdict> verdict) {
        return () -> Uni.createFrom().item(() -> verdict.get().toResponse(name));
    }
}

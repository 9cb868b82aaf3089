package dev.podlab.board.health;

import dev.podlab.board.watch.ClassWatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready (GET /ready) once the informers hold the class: before that the board would show an empty room. */
@Readiness
@ApplicationScoped
public class WatchingReadiness implements HealthCheck {
    @Inject
    ClassWatcher watcher;

    @Override
    public HealthCheckResponse call() {
        return watcher.synced() ? HealthCheckResponse.up("watching")
                : HealthCheckResponse.named("watching").down().withData("problem", watcher.problem()).build();
    }
}

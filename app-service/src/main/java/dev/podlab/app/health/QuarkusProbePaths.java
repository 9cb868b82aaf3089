package dev.podlab.app.health;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Liveness and readiness live at /health and /ready (quarkus.smallrye-health.*-path), where the
 * workshop text puts them; Quarkus users still find them at /q/health/live and /q/health/ready.
 */
@Singleton
public class QuarkusProbePaths {

    @ConfigProperty(name = "quarkus.smallrye-health.liveness-path")
    String liveness;

    @ConfigProperty(name = "quarkus.smallrye-health.readiness-path")
    String readiness;

    void install(@Observes Router router) {
        router.route("/q/health/live").handler(ctx -> ctx.reroute(liveness));
        router.route("/q/health/ready").handler(ctx -> ctx.reroute(readiness));
    }
}

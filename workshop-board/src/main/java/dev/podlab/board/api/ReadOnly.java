package dev.podlab.board.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The board only shows: every path answers anything but GET and HEAD with 405 and a JSON reason,
 * and a path it does not serve with 404 and a JSON reason (not Quarkus' HTML page).
 */
@Singleton
public class ReadOnly {
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpMethod method = ctx.request().method();
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "the board is read only: " + method.name()
                            + " is not allowed, only GET and HEAD").encode());
        });
        router.errorHandler(404, ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "no such page: " + ctx.request().path() + " (the board is at /, its data at /api/board)")
                        .encode()));
    }
}

package dev.podlab.app.chaos;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import dev.podlab.app.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What the chaos switches do to the {@link FaultTarget} endpoints, before they answer. Those run on
 * the event loop, so nothing here blocks a thread: the latency is a timer, and a hang holds requests
 * in the worker pool's queue, behind the parked workers, as it held blocking endpoints before.
 */
public class FaultInjection {

    @Inject
    ChaosSwitches switches;

    @Inject
    Hang hang;

    @Inject
    ExecutorService workers;

    // Looked up per request: REST filters are built at static init, before Vert.x exists.
    @Inject
    Provider<Vertx> vertx;

    @FaultTarget
    @ServerRequestFilter
    public Uni<Response> inject() {
        if (hang.active()) {
            return Uni.createFrom().<Response>nullItem().runSubscriptionOn(workers).chain(passed -> inject());
        }
        int delay = switches.value(ChaosSwitch.LATENCY);
        if (delay > 0) {
            return Uni.createFrom().<Long>emitter(e -> vertx.get().setTimer(delay, e::complete))
                    .map(fired -> maybeFail());
        }
        return Uni.createFrom().item(maybeFail());
    }

    /** First the added latency, then maybe a failure: a failed answer is slow too. */
    private Response maybeFail() {
        int percent = switches.value(ChaosSwitch.ERRORS);
        if (percent > 0 && ThreadLocalRandom.current().nextInt(100) < percent) {
            return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "injected failure: POST /admin/errors set " + percent + "% of requests to fail");
        }
        return null;
    }
}

package dev.podlab.board.api;

import dev.podlab.board.grid.Board;
import dev.podlab.board.grid.BoardSettings;
import dev.podlab.board.grid.Grid;
import dev.podlab.board.watch.ClassWatcher;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/** The class as JSON, built from the watcher's cache on each request (the page asks every 2 s). */
@Path("/api/board")
public class BoardResource {
    @Inject
    ClassWatcher watcher;

    @Inject
    BoardSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response board() {
        if (!watcher.synced()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "not watching the cluster yet: " + watcher.problem())).build();
        }
        ClassWatcher.Snapshot s = watcher.snapshot();
        Board board = Grid.board(s.namespaces(), s.results(), s.pods(), Instant.now(), settings);
        return Response.ok(board).build();
    }
}

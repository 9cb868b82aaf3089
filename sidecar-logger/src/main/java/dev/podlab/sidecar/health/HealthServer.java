package dev.podlab.sidecar.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.podlab.sidecar.tail.TailStats;
import dev.podlab.sidecar.tail.Tailer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Probes and counters over the JDK's built-in HTTP server. Handlers run on its single dispatcher thread:
 * they are a few microseconds each, and no pool means no extra threads or queues.
 */
public final class HealthServer {

    private final HttpServer server;
    private final Path logDir;
    private final Tailer tailer;
    private final Duration staleAfter;

    private HealthServer(HttpServer server, Path logDir, Tailer tailer, Duration staleAfter) {
        this.server = server;
        this.logDir = logDir;
        this.tailer = tailer;
        this.staleAfter = staleAfter;
    }

    /** Binds to {@code port} on all interfaces (0 picks a free port) and starts serving. */
    public static HealthServer start(int port, Path logDir, Tailer tailer, Duration staleAfter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        HealthServer health = new HealthServer(server, logDir, tailer, staleAfter);
        server.createContext("/", health::handle);
        server.start();
        return health;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health/live") && !path.equals("/health/ready") && !path.equals("/stats")) {
                send(exchange, 404, "{\"error\":" + Json.string("no such path: " + path) + "}");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "{\"error\":" + Json.string("method not allowed: "
                        + exchange.getRequestMethod()) + "}");
            } else if (path.equals("/health/live")) {
                boolean up = tailer.isLive(staleAfter);
                send(exchange, up ? 200 : 503, health(up, "tailer",
                        "\"heartbeatAgeMs\":" + tailer.heartbeatAge().toMillis()));
            } else if (path.equals("/health/ready")) {
                boolean up = Files.isDirectory(logDir);
                send(exchange, up ? 200 : 503, health(up, "log-dir", "\"path\":" + Json.string(logDir.toString())));
            } else {
                send(exchange, 200, stats(tailer.stats()));
            }
        }
    }

    /** The shape SmallRye Health uses, so the app's and the sidecar's probes read alike. */
    private static String health(boolean up, String check, String data) {
        String status = Json.string(up ? "UP" : "DOWN");
        return "{\"status\":" + status + ",\"checks\":[{\"name\":" + Json.string(check)
                + ",\"status\":" + status + ",\"data\":{" + data + "}}]}";
    }

    private static String stats(TailStats s) {
        return "{\"linesShipped\":" + s.linesShipped()
                + ",\"bytesShipped\":" + s.bytesShipped()
                + ",\"filesFollowed\":" + s.filesFollowed()
                + ",\"currentFile\":" + Json.string(s.currentFile())
                + ",\"lastOffset\":" + s.lastOffset()
                + ",\"rotations\":" + s.rotations()
                + ",\"truncations\":" + s.truncations() + "}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

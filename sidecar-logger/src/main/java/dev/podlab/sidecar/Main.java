package dev.podlab.sidecar;

import dev.podlab.sidecar.health.HealthServer;
import dev.podlab.sidecar.tail.OffsetStore;
import dev.podlab.sidecar.tail.StdoutSink;
import dev.podlab.sidecar.tail.Tailer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Duration;

/**
 * The sidecar: ships the app's log file to stdout (so {@code kubectl logs -c sidecar-logger} shows it) and serves
 * probes. Its own messages go to stderr, keeping stdout for the app's lines.
 */
public final class Main {

    /** Name of the offset file in LOG_DIR; the leading dot keeps it out of the log's own name pattern. */
    static final String STATE_FILE = ".sidecar-offset";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("sidecar-logger: " + e.getMessage());
            System.exit(2);
            return;
        }
        Tailer tailer = new Tailer(config.logDir(), config.logFile(), config.poll(),
                new StdoutSink(config.logFile(), new FileOutputStream(FileDescriptor.out)),
                new OffsetStore(config.logDir().resolve(STATE_FILE)));
        // Stale after 10 s (or 3 polls if slower): long enough for a big backlog batch, short enough for a probe.
        Duration staleAfter = Duration.ofMillis(Math.max(10_000, 3 * config.poll().toMillis()));
        HealthServer http = HealthServer.start(config.port(), config.logDir(), tailer, staleAfter);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            try {
                tailer.stop(); // drains what is readable, flushes stdout, persists the offset
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        // SIGTERM is how Kubernetes stops a container; after the hook above, a clean stop exits 0 rather than 143.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));

        tailer.start();
        System.err.println("sidecar-logger: shipping " + config.logDir().resolve(config.logFile())
                + " to stdout; http on :" + http.port() + ", poll " + config.poll().toMillis() + " ms");
    }
}

package dev.podlab.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar as a process (failsafe, after package), on a free loopback port.
 * <p>
 * Shutdown under load: 1.5 s of injected latency, about 15 requests/s, each on a new connection,
 * SIGTERM in the middle. A request counts as <b>dropped</b> when it was accepted (the connection
 * was made) and then did not get a 200: an empty reply, a reset, a timeout, or a 503. Refused at
 * connect is not dropped: the client knows the request never reached this process and can retry
 * it elsewhere, which is what the Service does once the pod left the endpoints.
 */
class ShutdownIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration LATENCY = Duration.ofMillis(1500);
    private static final Duration INTERVAL = Duration.ofMillis(66); // ~15 requests/s
    private static final Duration DRAIN = Duration.ofSeconds(10);  // quarkus.shutdown.delay
    /** preStop 3 s + this must fit terminationGracePeriodSeconds 20 with a margin of 1.5 s. */
    private static final Duration MAX_SIGTERM_TO_EXIT = Duration.ofMillis(15_500);

    @Test
    void noRequestIsDroppedAcrossSigterm() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("podlab-shutdown", ".log");
        Process app = start(port, Map.of("PODLAB_CHAOS_ENABLED", "true"), log);
        try {
            awaitStarted(port, app);
            assertThat(request(port, "POST", "/admin/latency", "{\"ms\":" + LATENCY.toMillis() + "}"))
                    .startsWith("HTTP/1.1 200");

            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            List<String> dropped = new ArrayList<>();
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> sent = new ArrayList<>();
            long start = System.nanoTime();
            long sigterm = 0;
            long exited = 0;
            // Bounded: at most 40 s of traffic, and 2 s past the process' exit.
            while (elapsed(start).compareTo(Duration.ofSeconds(40)) < 0
                    && (exited == 0 || System.nanoTime() - exited < Duration.ofSeconds(2).toNanos())) {
                sent.add(clients.submit(() -> {
                    String outcome = outcome(port);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (!outcome.equals("200") && !outcome.equals("refused")) {
                        synchronized (dropped) {
                            dropped.add(outcome);
                        }
                    }
                }));
                Thread.sleep(INTERVAL);
                if (sigterm == 0 && elapsed(start).compareTo(Duration.ofSeconds(3)) >= 0) {
                    sigterm = System.nanoTime();
                    app.destroy(); // SIGTERM
                }
                if (sigterm != 0 && exited == 0 && !app.isAlive()) {
                    exited = System.nanoTime();
                }
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
            Duration toExit = Duration.ofNanos(exited - sigterm);
            System.out.printf("shutdown: %d requests %s, SIGTERM to exit %d ms, dropped %s%n",
                    sent.size(), outcomes, toExit.toMillis(), dropped);

            assertThat(exited).as("the app exited after SIGTERM").isPositive();
            assertThat(dropped).as("requests accepted and then not answered 200").isEmpty();
            assertThat(outcomes.get("200").get()).as("answered during the drain").isGreaterThan(100);
            assertThat(outcomes).as("new connections refused once the drain ended").containsKey("refused");
            assertThat(toExit).isGreaterThanOrEqualTo(DRAIN).isLessThanOrEqualTo(MAX_SIGTERM_TO_EXIT);
            assertThat(app.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        } finally {
            app.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "PODLAB_CHAOS_TOKEN=''{0}'' stops the start")
    @ValueSource(strings = {"", " "})
    void aBlankTokenIsAStartupError(String token) throws Exception {
        Path log = Files.createTempFile("podlab-token", ".log");
        Process app = start(freePort(), Map.of("PODLAB_CHAOS_ENABLED", "true", "PODLAB_CHAOS_TOKEN", token), log);
        try {
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app stopped by itself").isTrue();
            assertThat(app.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("PODLAB_CHAOS_TOKEN (podlab.chaos.token) is set but blank");
        } finally {
            app.destroyForcibly();
        }
    }

    private static Process start(int port, Map<String, String> env, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dpodlab.startup.warmup=0s",
                "-Dquarkus.log.console.json.enabled=false",
                "-Dquarkus.log.file.path=" + output.resolveSibling(output.getFileName() + ".app.log"),
                "-jar", JAR.toString());
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static void awaitStarted(int port, Process app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app is running").isTrue();
            try {
                if (request(port, "GET", "/ready", null).startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not become ready within 60 s");
    }

    /** "200", "refused" (at connect), or what went wrong after the connection was accepted. */
    private static String outcome(int port) {
        try {
            String response = request(port, "GET", "/api/info", null);
            return response.isEmpty() ? "empty reply" : response.substring(9, 12);
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** One request on a new connection; throws ConnectException when the connection is refused. */
    private static String request(int port, String method, String path, String json) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

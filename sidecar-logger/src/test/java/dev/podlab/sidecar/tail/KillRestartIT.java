package dev.podlab.sidecar.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sidecar as a real child JVM, killed with SIGKILL ({@link Process#destroyForcibly()}) again and again
 * while a writer appends numbered lines and rotates the way the app does (app.log.2 -> .3, .1 -> .2, app.log -> .1,
 * new app.log; 3 backups) in a stream that goes on across kills and starts, so rotations overlap a new sidecar's scan
 * for its saved file. All stdout of all runs is checked: every line arrives, whole, and a restart ships again at
 * most {@link Tailer#MAX_REPLAY_BYTES} of log.
 *
 * <p>Scale with {@code -Dsidecar.kill.restarts} (default 200) and {@code -Dsidecar.kill.lines} (default 1,000,000).
 */
class KillRestartIT {

    private static final int RESTARTS = Integer.getInteger("sidecar.kill.restarts", 200);
    private static final int LINES = Integer.getInteger("sidecar.kill.lines", 1_000_000);
    /**
     * Small files, so that a restart's scan meets rotations (the app rotates at 10 MB, which only makes it rarer), yet
     * larger than the replay bound, so that re-shipping a whole file would show.
     */
    private static final int ROTATE_BYTES = 512 * 1024;
    private static final int BACKUPS = 3;
    private static final long START_MS = 300;
    private static final long SHIPPING_MS = 200;
    private static final long WAIT_MS = 60_000;
    private static final String TAG = "[app.log] ";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keeps sidecar-stderr.log of a failed run
    Path work;

    private final Output output = new Output();
    private Path stdout;
    private volatile long allowed;
    private volatile Throwable writerFailure;
    private int rotations;

    /** Line n: numbered, of varying length, so a cut or glued line cannot pass for a good one. */
    private static String line(long n) {
        return "seq-" + n + " {\"level\":\"INFO\",\"message\":\"" + "x".repeat((int) (n % 61)) + "\"}";
    }

    @Test
    void killedHundredsOfTimesDuringRotationsItLosesNothingTearsNothingAndReplaysWithinTheBound() throws Exception {
        Path logDir = Files.createDirectories(work.resolve("log"));
        // stdout is a named pipe the test reads itself: a pipe as the container runtime gives, and read without the
        // JDK's Process streams, whose reaper closes them under a reading thread when the process dies.
        stdout = work.resolve("stdout");
        assertThat(new ProcessBuilder("mkfifo", stdout.toString()).inheritIO().start().waitFor()).isZero();
        long start = System.nanoTime();
        Thread writer = Thread.ofPlatform().name("app-writer").start(() -> write(logDir));

        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int run = 0; run < RESTARTS; run++) {
            long from = (long) LINES * run / (RESTARTS + 1);
            long to = (long) LINES * (run + 1) / (RESTARTS + 1);
            String savedBefore = saved(logDir);
            Sidecar sidecar = new Sidecar(logDir);
            long runStart = System.nanoTime();
            // Half the kills hit a random moment of the start (JVM start, the scan for the saved file); the others
            // come a random moment after the run saved progress, however slow the machine starts a JVM. (A kill
            // always before the first save would replay the same batch forever: at-least-once, never further.)
            boolean early = random.nextBoolean();
            long killAt = early ? random.nextLong(START_MS) : Long.MAX_VALUE;
            long killDelay = random.nextLong(1, SHIPPING_MS);
            for (long ms = 0; ms < killAt; ms = (System.nanoTime() - runStart) / 1_000_000) {
                // The run's share of the lines is released over its first START_MS: a stream that goes on across
                // the kill and the next start, so rotations happen while a new sidecar scans for its saved file.
                allowed = Math.min(to, from + (to - from) * ms / START_MS);
                if (!early && killAt == Long.MAX_VALUE && !saved(logDir).equals(savedBefore)) {
                    killAt = ms + killDelay;
                }
                assertThat(ms).as("ms for run %d to save progress (last line shipped %d, writer failure %s, %s)",
                        run, output.maxSeen, writerFailure, output.problems).isLessThan(WAIT_MS);
                Thread.sleep(2);
            }
            allowed = to;
            sidecar.kill();
        }
        int killedShipping = output.runsShipping;
        int killedReplaying = output.runsReplaying;
        allowed = LINES;
        Sidecar last = new Sidecar(logDir);
        writer.join(WAIT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (output.maxSeen < LINES - 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int exit = last.stop();
        double seconds = (System.nanoTime() - start) / 1e9;

        long lost = LINES - output.seen.cardinality();
        System.out.printf("sidecar-logger kill-restart: %d SIGKILL restarts (%d shipped lines, %d of them some again), "
                        + "%d lines, %d rotations in %.1f s: lost %d, duplicated %d lines (at most %d bytes after one "
                        + "restart, bound %d), torn %d%n",
                RESTARTS, killedShipping, killedReplaying, LINES, rotations, seconds, lost,
                output.duplicates, output.maxReplayBytes, Tailer.MAX_REPLAY_BYTES, output.torn);
        System.out.println("sidecar-logger kill-restart: sidecar stderr in " + work.resolve("sidecar-stderr.log"));
        assertThat(writerFailure).isNull();
        assertThat(output.problems).isEmpty();
        assertThat(lost).isZero();
        assertThat(output.torn).isZero();
        assertThat(output.maxReplayBytes).isLessThanOrEqualTo(Tailer.MAX_REPLAY_BYTES);
        assertThat(rotations).as("rotations (app.log.3 deleted at least once)").isGreaterThan(BACKUPS);
        assertThat(exit).as("SIGTERM after the last run is a clean stop").isZero();
    }

    /**
     * Writes the lines the test allows so far, rotating every {@link #ROTATE_BYTES} and now and then in a burst: two
     * rotations microseconds apart, which a scan can overlap both of. Deleting app.log.3 waits until its last line was shipped: a sidecar down longer than the app keeps its
     * backups loses them by design (README), which is not what this test is about.
     */
    private void write(Path logDir) {
        try (AppLogWriter app = new AppLogWriter(logDir, "app.log", ROTATE_BYTES, BACKUPS, 8192)) {
            // Before its first save a sidecar is on a first start, which ships no rotated file (README).
            waitFor(() -> Files.exists(logDir.resolve(".sidecar-offset")), "the first sidecar to save its offset");
            List<Long> lastLineOfFile = new ArrayList<>();
            for (long n = 0; n < LINES; n++) {
                if (n >= allowed) {
                    app.flush();
                    long next = n;
                    waitFor(() -> next < allowed, "the next run");
                }
                boolean burst = ThreadLocalRandom.current().nextInt(5000) == 0;
                if (app.full() || burst) {
                    rotate(app, lastLineOfFile, n - 1);
                }
                app.line(line(n));
                if (burst) {
                    rotate(app, lastLineOfFile, n);
                }
            }
            app.flush();
            rotations = app.rotations;
        } catch (Throwable e) {
            writerFailure = e;
        }
    }

    private static String saved(Path logDir) throws IOException {
        try {
            return Files.readString(logDir.resolve(".sidecar-offset"));
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private void rotate(AppLogWriter app, List<Long> lastLineOfFile, long lastLine) throws Exception {
        lastLineOfFile.add(lastLine);
        if (lastLineOfFile.size() > BACKUPS) {
            long dropped = lastLineOfFile.get(lastLineOfFile.size() - 1 - BACKUPS);
            waitFor(() -> output.maxSeen >= dropped, "line " + dropped + " before its file is deleted");
        }
        app.rotate();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    /** One run of the packaged jar, its stdout read into {@link #output} by a thread of its own. */
    private final class Sidecar {

        private final Process process;
        private final Thread reader;

        Sidecar(Path logDir) throws IOException {
            String jar = System.getProperty("sidecar.jar");
            assertThat(jar).as("system property sidecar.jar (set by the pom)").isNotNull();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", jar);
            builder.environment().put("LOG_DIR", logDir.toString());
            builder.environment().put("LOG_FILE", "app.log");
            builder.environment().put("PORT", String.valueOf(freePort()));
            builder.environment().put("POLL", "20");
            builder.redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("sidecar-stderr.log").toFile()));
            builder.redirectOutput(stdout.toFile());
            // Opening a pipe's read end waits for its writer and the other way round: the reader opens first.
            reader = Thread.ofPlatform().daemon().name("stdout").start(() -> output.read(stdout));
            process = builder.start();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Unix
            process.waitFor();
            reader.join();
        }

        int stop() throws InterruptedException {
            process.destroy(); // SIGTERM, as Kubernetes stops a container
            int exit = process.waitFor();
            reader.join();
            return exit;
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /** All runs' stdout, checked line by line as it arrives; runs are read one after another, never at once. */
    private static final class Output {

        final BitSet seen = new BitSet(LINES);
        final List<String> problems = new ArrayList<>();
        volatile long maxSeen = -1;
        long duplicates;
        long maxReplayBytes;
        int torn;
        int runsShipping;
        int runsReplaying;

        void read(Path pipe) {
            byte[] buffer = new byte[64 * 1024];
            StringBuilder current = new StringBuilder();
            long previous = -1;
            long replayBytes = 0;
            try (InputStream in = Files.newInputStream(pipe)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != '\n') {
                            current.append((char) buffer[i]); // the lines are ASCII
                            continue;
                        }
                        long seq = check(current.toString(), previous);
                        current.setLength(0);
                        if (seq < 0) {
                            continue;
                        }
                        if (seq <= maxSeen) {
                            duplicates++;
                            replayBytes += line(seq).length() + 1;
                        }
                        seen.set((int) seq);
                        maxSeen = Math.max(maxSeen, seq);
                        previous = seq;
                    }
                }
            } catch (IOException e) {
                problem("reading stdout failed: " + e);
            }
            if (!current.isEmpty()) {
                torn++;
                problem("a run left a torn last line: " + current);
            }
            maxReplayBytes = Math.max(maxReplayBytes, replayBytes);
            runsShipping += previous >= 0 ? 1 : 0;
            runsReplaying += replayBytes > 0 ? 1 : 0;
        }

        private void problem(String text) {
            if (problems.size() < 20) {
                problems.add(text.length() > 200 ? text.substring(0, 200) + "..." : text);
            }
        }

        /** The line's number, or -1 (recorded as a problem) if it is not exactly a line the writer wrote. */
        private long check(String text, long previous) {
            int dash = text.indexOf('-');
            int space = text.indexOf(' ', TAG.length());
            long seq = -1;
            if (text.startsWith(TAG + "seq-") && space > dash) {
                try {
                    seq = Long.parseLong(text.substring(dash + 1, space));
                } catch (NumberFormatException e) {
                    seq = -1;
                }
            }
            if (seq < 0 || seq >= LINES || !text.equals(TAG + line(seq))) {
                problem("not a line the app wrote: " + text);
                return -1;
            }
            if (previous >= 0 && seq != previous + 1) {
                problem("line " + seq + " after line " + previous + " in one run");
            }
            if (previous < 0 && seq > maxSeen + 1) {
                problem("a run started at line " + seq + ", lines " + (maxSeen + 1) + ".. never shipped");
            }
            return seq;
        }
    }
}

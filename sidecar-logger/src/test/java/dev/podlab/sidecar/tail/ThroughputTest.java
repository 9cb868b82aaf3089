package dev.podlab.sidecar.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1M app-like JSON lines written while the tailer runs, rotating every 10 MB as the app does; the tailer formats
 * them for stdout (into a discarding stream). Prints lines/s; asserts zero loss and exact order.
 */
class ThroughputTest {

    @TempDir
    Path dir;

    @Test
    void oneMillionLinesWithRotationEveryTenMegabytes() throws Exception {
        int count = 1_000_000;
        String payload = " {\"timestamp\":\"2025-11-25T08:00:00.000Z\",\"level\":\"INFO\","
                + "\"loggerName\":\"dev.podlab.app.GreetingResource\",\"message\":\"hello from the app\"}";
        OutputStream discard = OutputStream.nullOutputStream();
        SequenceSink checked = new SequenceSink(new StdoutSink("app.log", discard));
        Tailer tailer = new Tailer(dir, "app.log", Duration.ofMillis(100), checked,
                new OffsetStore(dir.resolve(".sidecar-offset")));

        long start = System.nanoTime();
        tailer.start();
        int rotations;
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 10_000_000, 100, 8192)) {
            for (int i = 0; i < count; i++) {
                app.line("seq-" + i + payload);
            }
            app.flush();
            rotations = app.rotations;
        }
        TailerTest.awaitReceived(checked, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        tailer.stop();

        System.out.printf("sidecar-logger throughput: %d lines (%d rotations) in %.2f s = %.0f lines/s, lost %d%n",
                count, rotations, seconds, count / seconds, count - checked.received());
        assertThat(checked.failure()).isNull();
        assertThat(checked.received()).isEqualTo(count);
        assertThat(tailer.stats().rotations()).isEqualTo(rotations).isGreaterThanOrEqualTo(10);
    }
}

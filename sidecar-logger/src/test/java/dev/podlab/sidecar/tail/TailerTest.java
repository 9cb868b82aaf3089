package dev.podlab.sidecar.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the tailer step by step (no thread) against a temp dir, except where concurrency is the point. */
class TailerTest {

    @TempDir
    Path dir;

    private final MemorySink sink = new MemorySink();

    private Tailer tailer(LineSink to) {
        return new Tailer(dir, "app.log", Duration.ofMillis(5), to, new OffsetStore(dir.resolve(".sidecar-offset")));
    }

    /** Runs the tailer until it has nothing left to do. */
    private static void settle(Tailer tailer) throws IOException {
        while (tailer.step()) {
            // keep going
        }
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void firstStartReadsTheCurrentFileFromItsBeginningThenFollowsIt() throws IOException {
        append("app.log", "one\ntwo\n");
        Tailer tailer = tailer(sink);
        settle(tailer);
        append("app.log", "three\n");
        settle(tailer);

        assertThat(sink.lines()).containsExactly("one", "two", "three");
        assertThat(tailer.stats()).isEqualTo(new TailStats(3, 11, 1, "app.log", 14, 0, 0));
    }

    @Test
    void waitsForAFileCreatedAfterStartAndReadsItFromItsBeginning() throws IOException {
        Tailer tailer = tailer(sink);
        assertThat(tailer.step()).isFalse();
        assertThat(tailer.stats().filesFollowed()).isZero();

        append("app.log", "first\nsecond\n");
        settle(tailer);

        assertThat(sink.lines()).containsExactly("first", "second");
    }

    @Test
    void filesCreatedAndAlreadyRotatedBeforeTheFirstLookAreAllShipped() throws IOException {
        Tailer tailer = tailer(sink);
        assertThat(tailer.step()).isFalse();
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 1 << 20, 5, 0)) {
            app.line("first file");
            app.rotate();
            app.line("second file");
            app.rotate();
            app.line("third file");
        }
        settle(tailer);

        assertThat(sink.lines()).containsExactly("first file", "second file", "third file");
    }

    @Test
    void aFirstStartDoesNotShipRotatedFilesLeftFromBefore() throws IOException {
        append("app.log.2", "history\n");
        append("app.log.1", "history\n");
        append("app.log", "current\n");
        settle(tailer(sink));

        assertThat(sink.lines()).containsExactly("current");
    }

    @Test
    void aLineWrittenInTwoHalvesIsShippedOnceAndWhole() throws IOException {
        append("app.log", "{\"msg\":\"hel");
        Tailer tailer = tailer(sink);
        settle(tailer);
        assertThat(sink.lines()).isEmpty();
        assertThat(tailer.stats().lastOffset()).as("a partial line is not shipped, so not persisted").isZero();

        append("app.log", "lo\"}\nnext");
        settle(tailer);
        append("app.log", "\n");
        settle(tailer);

        assertThat(sink.lines()).containsExactly("{\"msg\":\"hello\"}", "next");
    }

    @Test
    void rotationLosesNoLineWrittenJustBeforeTheRename() throws IOException {
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 1 << 20, 5, 0)) {
            Tailer tailer = tailer(sink);
            app.line("a1");
            settle(tailer);
            app.line("a2"); // not read yet when the rotation happens
            app.line("a3");
            app.rotate();
            app.line("b1");
            settle(tailer);
            app.line("b2");
            settle(tailer);

            assertThat(sink.lines()).containsExactly("a1", "a2", "a3", "b1", "b2");
            TailStats stats = tailer.stats();
            assertThat(stats.rotations()).isEqualTo(1);
            assertThat(stats.filesFollowed()).isEqualTo(2);
            assertThat(stats.currentFile()).isEqualTo("app.log");
        }
    }

    @Test
    void severalRotationsBetweenTwoPollsAreFollowedInOrder() throws IOException {
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 1 << 20, 5, 0)) {
            Tailer tailer = tailer(sink);
            app.line("g0");
            settle(tailer);
            for (int i = 1; i <= 3; i++) {
                app.line("g" + (i - 1) + "-late");
                app.rotate();
                app.line("g" + i);
            }
            settle(tailer);

            assertThat(sink.lines()).containsExactly("g0", "g0-late", "g1", "g1-late", "g2", "g2-late", "g3");
            assertThat(tailer.stats().rotations()).isEqualTo(3);
        }
    }

    @Test
    void aNewFileAppearingOnlyAfterTheRenameIsPickedUp() throws IOException {
        append("app.log", "old\n");
        Tailer tailer = tailer(sink);
        settle(tailer);
        Files.move(dir.resolve("app.log"), dir.resolve("app.log.1"));
        append("app.log.1", "late\n"); // still going to the renamed file
        settle(tailer);
        assertThat(sink.lines()).containsExactly("old", "late");
        assertThat(tailer.stats().rotations()).as("mid-rotation: nothing to switch to yet").isZero();
        append("app.log", "new\n");
        settle(tailer);

        assertThat(sink.lines()).containsExactly("old", "late", "new");
    }

    @Test
    void copyTruncateRestartsFromTheBeginning() throws IOException {
        append("app.log", "before-1\nbefore-2\n");
        Tailer tailer = tailer(sink);
        settle(tailer);
        Files.copy(dir.resolve("app.log"), dir.resolve("app.log.1"));
        try (FileChannel ch = FileChannel.open(dir.resolve("app.log"), StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append("app.log", "after\n");
        settle(tailer);

        assertThat(sink.lines()).containsExactly("before-1", "before-2", "after");
        assertThat(tailer.stats().truncations()).isEqualTo(1);
        assertThat(tailer.stats().rotations()).isZero();
    }

    @Test
    void aRestartResumesFromThePersistedOffsetWithoutLossOrDuplicates() throws IOException {
        append("app.log", "1\n2\n3\npar");
        settle(tailer(sink)); // then "crashes": only what it persisted survives
        append("app.log", "tial\n4\n");

        MemorySink after = new MemorySink();
        settle(tailer(after));

        assertThat(sink.lines()).containsExactly("1", "2", "3");
        assertThat(after.lines()).containsExactly("partial", "4");
    }

    @Test
    void aGracefulStopShipsWhatIsReadableAndTheNextStartContinues() throws Exception {
        Tailer first = tailer(sink);
        first.start();
        append("app.log", "a\nb\n");
        first.stop();
        assertThat(sink.lines()).containsExactly("a", "b");

        append("app.log", "c\n");
        MemorySink after = new MemorySink();
        settle(tailer(after));
        assertThat(after.lines()).containsExactly("c");
    }

    @Test
    void aRestartAfterRotationsWhileDownDrainsTheRotatedFilesFirst() throws IOException {
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 1 << 20, 5, 0)) {
            app.line("seen");
            settle(tailer(sink));
            app.line("missed-1");
            app.rotate();
            app.line("missed-2");
            app.rotate();
            app.line("current");

            MemorySink after = new MemorySink();
            Tailer restarted = tailer(after);
            settle(restarted);

            assertThat(after.lines()).containsExactly("missed-1", "missed-2", "current");
            assertThat(restarted.stats().rotations()).isEqualTo(2);
        }
    }

    @Test
    void aRestartWhoseScanOverlapsRotationsStillFindsTheSavedFile() throws Exception {
        // The restarted tailer looks for its file while another thread rotates ten times: a scan or an open that
        // races a rename must not take the saved file for gone (which re-ships from the oldest file, or skips).
        for (int round = 0; round < 300; round++) {
            Path log = Files.createDirectories(dir.resolve("round-" + round));
            OffsetStore store = new OffsetStore(log.resolve(".sidecar-offset"));
            try (AppLogWriter app = new AppLogWriter(log, "app.log", 1 << 20, 12, 0)) {
                app.line("older");
                app.rotate();
                app.line("saved-1");
                settle(new Tailer(log, "app.log", Duration.ofMillis(5), new MemorySink(), store));
                app.line("saved-2");
                Thread rotations = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 10; i++) {
                            app.rotate();
                            app.line("newer-" + i);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                MemorySink after = new MemorySink();
                Tailer restarted = new Tailer(log, "app.log", Duration.ofMillis(5), after,
                        new OffsetStore(log.resolve(".sidecar-offset")));
                settle(restarted);
                rotations.join();
                settle(restarted);

                assertThat(after.lines()).as("round %d", round).containsExactlyElementsOf(Stream.concat(
                        Stream.of("saved-2"), IntStream.range(0, 10).mapToObj(i -> "newer-" + i)).toList());
            }
        }
    }

    @Test
    void aRestartFindingANewFileUnderTheOldNameReadsItFromItsBeginning() throws IOException {
        append("app.log", "old content that was shipped\n");
        settle(tailer(sink));
        // The new file may well get the deleted file's inode: the head checksum must tell them apart.
        Files.delete(dir.resolve("app.log"));
        append("app.log", "brand new file, longer than the old one was\n");

        MemorySink after = new MemorySink();
        settle(tailer(after));
        assertThat(after.lines()).containsExactly("brand new file, longer than the old one was");
    }

    @Test
    void aLineLongerThanTheCapIsShippedInChunksWithoutLosingABit() throws IOException {
        String ascii = "x".repeat(3 * Tailer.MAX_LINE + 1000);
        String euro = "€".repeat(30_000); // 3 bytes each: a plain 64 KiB cut would split one
        append("app.log", ascii + "\n" + euro + "\nshort\n");
        Tailer tailer = tailer(sink);
        settle(tailer);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(4 + 2 + 1);
        assertThat(lines).allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(Tailer.MAX_LINE));
        assertThat(String.join("", lines.subList(0, 4))).isEqualTo(ascii);
        assertThat(lines.get(4)).matches("€+").hasSize(Tailer.MAX_LINE / 3);
        assertThat(String.join("", lines.subList(4, 6))).isEqualTo(euro);
        assertThat(lines.get(6)).isEqualTo("short");
    }

    @Test
    void aBurstWithFrequentRotationLosesAndReordersNothing() throws Exception {
        int count = 150_000;
        SequenceSink checked = new SequenceSink(null);
        Tailer tailer = tailer(checked);
        tailer.start();
        int rotations;
        // 8 KiB writer buffer: flushes end mid-line, so the tailer constantly sees partial lines
        try (AppLogWriter app = new AppLogWriter(dir, "app.log", 64 * 1024, 10_000, 8192)) {
            for (int i = 0; i < count; i++) {
                app.line("seq-" + i + " {\"level\":\"INFO\",\"message\":\"burst line\"}");
            }
            app.flush();
            rotations = app.rotations;
        }
        awaitReceived(checked, count);
        tailer.stop();

        assertThat(checked.failure()).isNull();
        assertThat(checked.received()).isEqualTo(count);
        assertThat(rotations).isGreaterThan(50);
        assertThat(tailer.stats().rotations()).isEqualTo(rotations);
        assertThat(tailer.stats().linesShipped()).isEqualTo(count);
    }

    @Test
    void memoryStaysBoundedWhateverTheVolumeOrLineLength() throws IOException {
        // 32 MiB of lines, then a 32 MiB line still waiting for its newline: an implementation that queued lines
        // or kept the partial line whole would hold tens of MiB when measured.
        Path log = dir.resolve("app.log");
        byte[] lines = IntStream.range(0, 64 * 1024).mapToObj(i -> "seq-" + i + " " + "y".repeat(500) + "\n")
                .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append)
                .toString().getBytes(StandardCharsets.UTF_8);
        byte[] noNewline = "z".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(lines));
            for (int i = 0; i < 32; i++) {
                out.write(java.nio.ByteBuffer.wrap(noNewline));
            }
        }
        lines = null;
        noNewline = null;
        List<Long> chunkSizes = new ArrayList<>();
        long[] count = new long[1];
        LineSink counting = new LineSink() {
            @Override
            public void line(byte[] bytes, int offset, int length) {
                if (bytes[offset] == 'z') {
                    chunkSizes.add((long) length);
                } else {
                    count[0]++;
                }
            }

            @Override
            public void flush() {
            }
        };
        long before = usedHeapAfterGc();
        Tailer tailer = tailer(counting);
        settle(tailer);
        long growth = usedHeapAfterGc() - before;

        assertThat(count[0]).isEqualTo(64 * 1024);
        assertThat(chunkSizes).hasSize(32 * 16 - 1).allMatch(size -> size == Tailer.MAX_LINE);
        assertThat(growth).as("heap growth in bytes with 64 MiB read").isLessThan(4L << 20);
        assertThat(tailer.stats().lastOffset()).isEqualTo(Files.size(log) - Tailer.MAX_LINE);
    }

    @Test
    void theOffsetFileHoldsTheShippedOffsetAndNoTempFileIsLeft() throws IOException {
        append("app.log", "x\n");
        settle(tailer(sink));

        assertThat(dir.resolve(".sidecar-offset")).exists().content().contains("offset=2");
        assertThat(dir.resolve(".sidecar-offset.tmp")).doesNotExist();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void awaitReceived(SequenceSink sink, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.received() < count && sink.failure() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}

package dev.podlab.sidecar.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * Follows {@code <dir>/<name>} through the app's size-based rotation ({@code name -> name.1 -> name.2 ...}, then a
 * fresh {@code name}) and through truncation, and hands every complete line to a {@link LineSink}.
 *
 * <p>Memory is fixed whatever the log volume: one 64 KiB read buffer and one 64 KiB partial-line buffer. A line
 * longer than {@link #MAX_LINE} is shipped as consecutive chunks of at most that size, never cut inside a UTF-8
 * character, so no byte is dropped.
 *
 * <p>A file is identified by its file key (device + inode): a rename keeps it, a new file gets a new one. While a
 * file is open its inode cannot be reused, so "the followed file" is unambiguous even after it is renamed away.
 * Rotated files are expected numbered without holes, as the app's handler keeps them.
 *
 * <p>All reading happens on one thread; {@link #stats()} and {@link #isLive(Duration)} may be called from any.
 */
public final class Tailer {

    public static final int MAX_LINE = 64 * 1024;
    private static final int READ_BUFFER = 64 * 1024;
    /**
     * Reads per batch: flush and persist at least every 256 KiB (which bounds a crash's replay), and keep the
     * heartbeat fresh during a backlog.
     */
    private static final int READS_PER_BATCH = 4;
    /** Bytes of a file's beginning whose checksum tells it apart from a later file that reused its inode. */
    private static final int HEAD = 256;
    /**
     * Most log bytes a crash can make a restart ship again: the offset is saved after every batch, once its lines are
     * written to stdout, so only the batch in progress (plus the partial line carried into it) can be shipped twice.
     */
    public static final long MAX_REPLAY_BYTES = (long) READS_PER_BATCH * READ_BUFFER + MAX_LINE;
    /** Scans in a row that may disagree (rotations in progress) before the tailer reports it and backs off. */
    private static final int SCAN_ATTEMPTS = 100;
    private static final Duration STOP_DRAIN = Duration.ofSeconds(5);

    private final Path dir;
    private final String name;
    private final long pollNanos;
    private final LineSink sink;
    private final OffsetStore store;

    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final byte[] pending = new byte[MAX_LINE];
    private int pendingLength;
    private final byte[] head = new byte[HEAD];

    /** Where a restarted tailer resumes; null once a file is open or when there was nothing saved. */
    private OffsetStore.State resume;
    /** Files present at the first look that a first start does not ship; null until that look. */
    private Set<Object> preexisting;
    private FileChannel channel;
    private Object fileKey;
    private String fileName = "";
    private long readPosition;
    private int headLength;
    private long headCrc;

    private long lines;
    private long bytes;
    private long filesFollowed;
    private long rotations;
    private long truncations;
    private volatile TailStats stats = new TailStats(0, 0, 0, "", 0, 0, 0);

    private volatile boolean running;
    private volatile long heartbeat = System.nanoTime();
    private volatile Thread thread;

    public Tailer(Path dir, String name, Duration poll, LineSink sink, OffsetStore store) {
        this.dir = dir;
        this.name = name;
        this.pollNanos = poll.toNanos();
        this.sink = sink;
        this.store = store;
        this.resume = store.load();
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "tailer");
        thread.start();
    }

    /** Stops the loop, ships what is readable now, flushes the sink and persists the offset. */
    public void stop() throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        LockSupport.unpark(t);
        t.join(STOP_DRAIN.plusSeconds(1).toMillis());
    }

    /** Live = the loop thread runs and has gone round recently (a sink blocked on a full pipe makes it stale). */
    public boolean isLive(Duration staleAfter) {
        Thread t = thread;
        return t != null && t.isAlive() && heartbeatAge().compareTo(staleAfter) < 0;
    }

    public Duration heartbeatAge() {
        return Duration.ofNanos(System.nanoTime() - heartbeat);
    }

    public TailStats stats() {
        return stats;
    }

    private void run() {
        while (running) {
            heartbeat = System.nanoTime();
            long pause = pollNanos;
            try {
                if (step()) {
                    continue;
                }
            } catch (IOException e) {
                // e.g. a file the app created unreadable for us: report, back off, keep the position, retry
                System.err.println("sidecar-logger: tailing " + dir.resolve(name) + " failed, retrying: " + e);
                pause = Math.max(pollNanos, Duration.ofSeconds(1).toNanos());
            }
            LockSupport.parkNanos(pause);
        }
        drainOnStop();
    }

    /** One round: open, read, or follow a rotation. Returns whether anything happened (if not, wait a poll). */
    boolean step() throws IOException {
        if (channel == null) {
            return openFirst();
        }
        if (readBatch() > 0) {
            return true;
        }
        return followReplacement();
    }

    /** Ships what is readable now, following a pending rotation too, within a deadline. */
    private void drainOnStop() {
        long deadline = System.nanoTime() + STOP_DRAIN.toNanos();
        try {
            while (step() && System.nanoTime() < deadline) {
                heartbeat = System.nanoTime();
            }
            // An unfinished last line stays unshipped: it is after the persisted offset and is read on restart.
            if (channel != null) {
                channel.close();
            }
            sink.flush();
        } catch (IOException e) {
            System.err.println("sidecar-logger: final drain failed: " + e);
        }
    }

    /**
     * Opens the first file: where the saved state points if it still exists; otherwise the oldest file that was not
     * there at the first look (on a first start that is the current file, or everything the app created since).
     */
    private boolean openFirst() throws IOException {
        List<Generation> generations = generations();
        if (resume != null) {
            for (Generation g : generations) {
                if (String.valueOf(g.key).equals(resume.fileKey())) {
                    FileChannel ch = openVerified(g);
                    if (ch == null) {
                        return false; // renamed since the scan: look again, it is not gone
                    }
                    if (headCrc(ch, resume.headLength()) == resume.headCrc()) {
                        follow(g, ch, ch.size() < resume.offset() ? 0 : resume.offset());
                        resume = null;
                        return true;
                    }
                    ch.close(); // a new file that reused the saved file's inode
                }
            }
            // The saved file is gone (rotated past the backups while we were down): all that is left is newer.
            preexisting = Set.of();
        } else if (preexisting == null) {
            // First start: older generations are history from before this sidecar; ship from the current file on.
            preexisting = new HashSet<>();
            for (Generation g : generations) {
                if (g.index != 0) {
                    preexisting.add(g.key);
                }
            }
        }
        for (Generation g : generations) {
            if (!preexisting.contains(g.key)) {
                FileChannel ch = openVerified(g);
                if (ch == null) {
                    return false;
                }
                follow(g, ch, 0);
                resume = null;
                return true;
            }
        }
        return false; // nothing (new) yet
    }

    /**
     * At EOF: if the current name still is our file, check for truncation; otherwise our file was rotated or deleted,
     * so drain it and move on to the file written after it.
     */
    private boolean followReplacement() throws IOException {
        BasicFileAttributes live = attributes(dir.resolve(name));
        if (live != null && Objects.equals(live.fileKey(), fileKey)) {
            if (live.size() >= readPosition) {
                return false;
            }
            shipPending(); // read before the truncation, will never get its newline
            readPosition = 0;
            channel.position(0);
            headLength = 0;
            headCrc = 0;
            truncations++;
            sink.flush();
            persist();
            return true;
        }
        // Lines written just before the rename are still in the old file: read it to its end first.
        while (readBatch() > 0) {
            heartbeat = System.nanoTime();
        }
        Generation next = successor(generations());
        FileChannel ch = next == null ? null : openVerified(next);
        if (ch == null) {
            return false; // mid-rotation: the next file does not exist yet
        }
        shipPending(); // the old file is finished; its unterminated tail is a line of its own
        sink.flush();
        channel.close();
        rotations++;
        follow(next, ch, 0);
        return true;
    }

    /** The file written after ours: the next newer generation, or the oldest left if ours was deleted. */
    private Generation successor(List<Generation> generations) {
        for (int i = 0; i < generations.size(); i++) {
            if (Objects.equals(generations.get(i).key, fileKey)) {
                return i + 1 < generations.size() ? generations.get(i + 1) : null;
            }
        }
        return generations.isEmpty() ? null : generations.getFirst();
    }

    private void follow(Generation g, FileChannel ch, long offset) throws IOException {
        ch.position(offset);
        channel = ch;
        fileKey = g.key;
        fileName = g.fileName;
        readPosition = offset;
        pendingLength = 0;
        headLength = 0;
        headCrc = 0;
        filesFollowed++;
        persist();
    }

    /** Reads up to a batch; ships complete lines; flushes and persists once per batch. Returns bytes read. */
    private int readBatch() throws IOException {
        int total = 0;
        for (int i = 0; i < READS_PER_BATCH; i++) {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n <= 0) {
                break;
            }
            readPosition += n;
            total += n;
            split(readBuffer.array(), n);
        }
        if (total > 0) {
            sink.flush();
            persist();
        }
        return total;
    }

    private void split(byte[] buf, int length) throws IOException {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buf[i] == '\n') {
                if (pendingLength == 0) {
                    ship(buf, start, i - start); // common case: the whole line is in the read buffer
                } else {
                    append(buf, start, i - start);
                    ship(pending, 0, pendingLength);
                    pendingLength = 0;
                }
                start = i + 1;
            }
        }
        append(buf, start, length - start);
    }

    /** Keeps a partial line until its newline arrives; a full buffer is shipped as a chunk. */
    private void append(byte[] buf, int offset, int length) throws IOException {
        while (length > 0) {
            if (pendingLength == MAX_LINE) {
                int end = chunkEnd();
                ship(pending, 0, end);
                pendingLength = MAX_LINE - end;
                System.arraycopy(pending, end, pending, 0, pendingLength);
            }
            int take = Math.min(MAX_LINE - pendingLength, length);
            System.arraycopy(buf, offset, pending, pendingLength, take);
            pendingLength += take;
            offset += take;
            length -= take;
        }
    }

    /** End of a chunk of a full buffer, moved back before a UTF-8 character that is not complete yet. */
    private int chunkEnd() {
        for (int i = MAX_LINE - 1; i >= MAX_LINE - 4; i--) {
            int b = pending[i] & 0xFF;
            if (b < 0x80) {
                return MAX_LINE;
            }
            if (b >= 0xC0) {
                int charLength = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return i + charLength <= MAX_LINE ? MAX_LINE : i;
            }
        }
        return MAX_LINE; // not UTF-8: any cut will do
    }

    private void shipPending() throws IOException {
        if (pendingLength > 0) {
            ship(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private void ship(byte[] buf, int offset, int length) throws IOException {
        sink.line(buf, offset, length);
        lines++;
        bytes += length;
    }

    /** Saves the offset after the last shipped byte (a partial line is re-read after a restart) and publishes stats. */
    private void persist() throws IOException {
        long shipped = readPosition - pendingLength;
        if (headLength < HEAD && shipped > headLength) {
            headLength = (int) Math.min(HEAD, shipped);
            headCrc = headCrc(channel, headLength);
        }
        store.save(new OffsetStore.State(String.valueOf(fileKey), shipped, headLength, headCrc));
        stats = new TailStats(lines, bytes, filesFollowed, fileName, shipped, rotations, truncations);
    }

    /** CRC32 of the first {@code length} bytes, or -1 if the file is shorter. */
    private long headCrc(FileChannel ch, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(head, 0, length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, buf.position()) < 0) {
                return -1;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(head, 0, length);
        return crc.getValue();
    }

    /** Opens a generation, or returns null if its name no longer points at the file that was listed. */
    private static FileChannel openVerified(Generation g) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(g.path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        BasicFileAttributes after = attributes(g.path);
        if (after == null || !Objects.equals(after.fileKey(), g.key)) {
            ch.close();
            return null;
        }
        return ch;
    }

    /**
     * The log's files, oldest first, from a scan no rotation tore: scans are repeated until two in a row agree. One
     * rotation leaves a single moving gap that a scan cannot fall into twice, but a scan slowed down (a busy core, a
     * cold JVM) across two rotations can meet two gaps, stop early and miss files; "our file is not there" then
     * skips files, and "it is there but not where it was" replays them. Every rotation replaces the current file,
     * so two scans in a row agree only if none completed between them. If the log rotates faster than it can be
     * scanned, this fails and the tailer keeps its place and retries.
     */
    private List<Generation> generations() throws IOException {
        List<Generation> previous = scan();
        for (int attempt = 1; attempt < SCAN_ATTEMPTS; attempt++) {
            List<Generation> current = scan();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new IOException("log files renamed during " + SCAN_ATTEMPTS + " scans in a row");
    }

    /**
     * One scan: {@code name.N ... name.1, name}. Probed by name (a directory listing can miss entries renamed while
     * it runs) in increasing number, until two numbers in a row are missing; a file seen twice (renamed one number
     * up during the scan) is kept once, at its newer sighting.
     */
    private List<Generation> scan() throws IOException {
        List<Generation> found = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int index = 0, missing = 0; missing < 2; index++) {
            String fileName = index == 0 ? name : name + "." + index;
            Path path = dir.resolve(fileName);
            BasicFileAttributes attrs = attributes(path);
            if (attrs == null) {
                missing++;
            } else {
                missing = 0;
                if (seen.add(attrs.fileKey())) {
                    found.add(new Generation(path, fileName, index, attrs.fileKey()));
                }
            }
        }
        return found.reversed();
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private record Generation(Path path, String fileName, int index, Object key) {
    }
}

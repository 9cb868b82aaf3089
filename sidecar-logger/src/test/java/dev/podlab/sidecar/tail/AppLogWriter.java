package dev.podlab.sidecar.tail;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a log the way the app's JBoss LogManager size-rotating handler does: append; when the file has reached
 * the limit, before the next record, close it, shift name.N -> name.N+1 (dropping the last), rename name -> name.1
 * and start a fresh name.
 */
final class AppLogWriter implements Closeable {

    private final Path dir;
    private final String name;
    private final long maxBytes;
    private final int maxBackups;
    private final int bufferSize;
    private OutputStream out;
    private long size;
    int rotations;

    /** bufferSize 0 writes each call straight to the file (the app flushes per record). */
    AppLogWriter(Path dir, String name, long maxBytes, int maxBackups, int bufferSize) throws IOException {
        this.dir = dir;
        this.name = name;
        this.maxBytes = maxBytes;
        this.maxBackups = maxBackups;
        this.bufferSize = bufferSize;
        open();
    }

    /** Whether the next line rotates first. */
    boolean full() {
        return size >= maxBytes;
    }

    void line(String line) throws IOException {
        if (full()) {
            rotate();
        }
        raw(line + "\n");
    }

    void raw(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        size += bytes.length;
    }

    void flush() throws IOException {
        out.flush();
    }

    void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(dir.resolve(name + "." + maxBackups));
        for (int i = maxBackups - 1; i >= 1; i--) {
            Path from = dir.resolve(name + "." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(name + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(dir.resolve(name), dir.resolve(name + ".1"), StandardCopyOption.REPLACE_EXISTING);
        rotations++;
        open();
    }

    private void open() throws IOException {
        OutputStream file = new FileOutputStream(dir.resolve(name).toFile(), true);
        out = bufferSize > 0 ? new BufferedOutputStream(file, bufferSize) : file;
        size = Files.size(dir.resolve(name));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package dev.podlab.sidecar.tail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keeps shipped lines in memory for assertions. */
final class MemorySink implements LineSink {

    private final List<String> lines = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void line(byte[] bytes, int offset, int length) {
        lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized int flushes() {
        return flushes;
    }
}

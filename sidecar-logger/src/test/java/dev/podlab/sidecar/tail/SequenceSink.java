package dev.podlab.sidecar.tail;

import java.io.IOException;

/**
 * Checks, without keeping them, that lines arrive as "seq-N ..." with N = 0, 1, 2 ... exactly once and in order.
 * Optionally forwards to another sink (to include the stdout formatting in a measurement).
 */
final class SequenceSink implements LineSink {

    private final LineSink next;
    private volatile long expected;
    private volatile String failure;

    SequenceSink(LineSink next) {
        this.next = next;
    }

    @Override
    public void line(byte[] bytes, int offset, int length) throws IOException {
        if (failure == null) {
            long seq = parseSeq(bytes, offset, length);
            if (seq != expected) {
                failure = "expected seq-" + expected + " but got " + new String(bytes, offset, Math.min(length, 40));
            } else {
                expected = seq + 1;
            }
        }
        if (next != null) {
            next.line(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        if (next != null) {
            next.flush();
        }
    }

    long received() {
        return expected;
    }

    String failure() {
        return failure;
    }

    private static long parseSeq(byte[] bytes, int offset, int length) {
        if (length < 5 || bytes[offset] != 's' || bytes[offset + 3] != '-') {
            return -1;
        }
        long value = 0;
        for (int i = offset + 4; i < offset + length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }
}

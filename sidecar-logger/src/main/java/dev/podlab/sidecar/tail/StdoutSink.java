package dev.podlab.sidecar.tail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code [tag] <line>\n}. Works on bytes so a line goes out exactly as the app wrote it (no decoding).
 *
 * <p>Lines are gathered into writes that end on a line boundary and are at most {@link #PIPE_BUF} bytes: the kernel
 * makes such a write to a pipe (what the kubelet reads) all or nothing, so a SIGKILL never leaves half a line on
 * stdout. Only a line longer than that is written by itself, in one write.
 */
public final class StdoutSink implements LineSink {

    /** Linux's PIPE_BUF: the largest write to a pipe that is never split. */
    static final int PIPE_BUF = 4096;

    private final byte[] prefix;
    private final OutputStream out;
    private final byte[] buffer = new byte[PIPE_BUF];
    private int buffered;
    /** Assembles one over-long line, so that it too goes out in a single write. */
    private byte[] single = new byte[0];

    public StdoutSink(String tag, OutputStream out) {
        this.prefix = ("[" + tag + "] ").getBytes(StandardCharsets.UTF_8);
        this.out = out;
    }

    @Override
    public void line(byte[] bytes, int offset, int length) throws IOException {
        int framed = prefix.length + length + 1;
        if (buffered + framed > PIPE_BUF) {
            flush();
        }
        if (framed <= PIPE_BUF) {
            buffered = frame(buffer, buffered, bytes, offset, length);
            return;
        }
        if (single.length < framed) {
            single = new byte[framed];
        }
        out.write(single, 0, frame(single, 0, bytes, offset, length));
    }

    @Override
    public void flush() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        out.flush();
    }

    /** Copies {@code [tag] line\n} into {@code to} at {@code at}; returns the end. */
    private int frame(byte[] to, int at, byte[] bytes, int offset, int length) {
        System.arraycopy(prefix, 0, to, at, prefix.length);
        at += prefix.length;
        System.arraycopy(bytes, offset, to, at, length);
        at += length;
        to[at] = '\n';
        return at + 1;
    }
}

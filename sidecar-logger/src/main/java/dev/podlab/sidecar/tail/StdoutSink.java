package dev.podlab.sidecar.tail;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code [tag] <line>\n}. Works on bytes so a line goes out exactly as the app wrote it
 * (no decoding), and buffers so a batch costs one write to the pipe the kubelet reads.
 */
public final class StdoutSink implements LineSink {

    private final byte[] prefix;
    private final OutputStream out;

    public StdoutSink(String tag, OutputStream out) {
        this.prefix = ("[" + tag + "] ").getBytes(StandardCharsets.UTF_8);
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    @Override
    public void line(byte[] bytes, int offset, int length) throws IOException {
        out.write(prefix);
        out.write(bytes, offset, length);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}

package dev.podlab.sidecar.tail;

import java.io.IOException;

/** Where the tailer ships lines. Lines arrive without their newline; the bytes are only valid during the call. */
public interface LineSink {

    void line(byte[] bytes, int offset, int length) throws IOException;

    /** Called once per read batch, before the offset is persisted. */
    void flush() throws IOException;
}

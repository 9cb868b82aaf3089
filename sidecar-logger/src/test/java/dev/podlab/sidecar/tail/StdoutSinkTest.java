package dev.podlab.sidecar.tail;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StdoutSinkTest {

    @Test
    void prefixesEachLineWithTheFileNameAndKeepsItsBytesUnchanged() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutSink sink = new StdoutSink("app.log", out);
        byte[] json = "{\"msg\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {'a', (byte) 0xFF, 'b'};

        sink.line(json, 0, json.length);
        sink.line(notUtf8, 0, notUtf8.length);
        assertThat(out.size()).as("buffered until flush").isZero();
        sink.flush();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("[app.log] ".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(json);
        expected.writeBytes("\n[app.log] ".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(notUtf8);
        expected.write('\n');
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void everyWriteEndsOnALineAndOnlyAnOverLongLineExceedsPipeBuf() throws IOException {
        List<byte[]> writes = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        StdoutSink sink = new StdoutSink("app.log", recording);
        byte[] line = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] longLine = "y".repeat(Tailer.MAX_LINE).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            sink.line(line, 0, line.length);
        }
        sink.line(longLine, 0, longLine.length);
        sink.line(line, 0, line.length);
        sink.flush();

        assertThat(writes).allSatisfy(w -> assertThat(w[w.length - 1]).isEqualTo((byte) '\n'));
        assertThat(writes.stream().filter(w -> w.length > StdoutSink.PIPE_BUF))
                .singleElement().satisfies(w -> assertThat(w).hasSize("[app.log] ".length() + Tailer.MAX_LINE + 1));
        int framed = "[app.log] ".length() + line.length + 1;
        assertThat(writes.stream().mapToInt(w -> w.length).sum()).isEqualTo(101 * framed + longLine.length + 11);
        assertThat(writes.size()).as("lines are gathered, not written one by one").isLessThan(10);
    }
}

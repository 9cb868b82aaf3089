package dev.podlab.sidecar.tail;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
}

package dev.podlab.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class AccessLinesOnConsoleTest {

    private static LogRecord from(String logger) {
        LogRecord record = new LogRecord(Level.INFO, "a line");
        record.setLoggerName(logger);
        return record;
    }

    @Test
    void offTheConsoleKeepsEveryLineButTheAccessLines() {
        AccessLinesOnConsole console = new AccessLinesOnConsole(false);
        assertThat(console.isLoggable(from(AccessLog.CATEGORY))).isFalse();
        assertThat(console.isLoggable(from("dev.podlab.app.chaos.Hang"))).isTrue();
        assertThat(console.isLoggable(from("io.quarkus"))).isTrue();
    }

    @Test
    void onTheConsoleKeepsThemAll() {
        assertThat(new AccessLinesOnConsole(true).isLoggable(from(AccessLog.CATEGORY))).isTrue();
    }
}

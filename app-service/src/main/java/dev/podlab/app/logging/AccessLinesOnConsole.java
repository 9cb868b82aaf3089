package dev.podlab.app.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's filter (quarkus.log.console.filter): with podlab.access-log.console=false the access
 * lines go to the log file only. The Deployment sets that, as its sidecar prints the file on its own
 * stdout (`kubectl logs POD -c sidecar-logger`): stdout would carry every line twice, and writing
 * each request's line to the container runtime halves the app's throughput. A pod without a sidecar
 * (`kubectl run`, `docker run`) keeps them on the console.
 */
@LoggingFilter(name = "podlab-access-console")
public final class AccessLinesOnConsole implements Filter {

    private final boolean accessLines;

    public AccessLinesOnConsole(@ConfigProperty(name = "podlab.access-log.console") boolean accessLines) {
        this.accessLines = accessLines;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return accessLines || !AccessLog.CATEGORY.equals(record.getLoggerName());
    }
}

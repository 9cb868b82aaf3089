package dev.podlab.workshop.cli;

import dev.podlab.workshop.roster.RosterException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** A failed command prints one clear message and exits non-zero; a stack trace helps no instructor. */
@ApplicationScoped
public class Errors {
    /** Exit code of input refused before anything was made (a bad roster, an unknown size). */
    public static final int BAD_INPUT = 2;

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e instanceof RosterException ? e.getMessage() : "error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? BAD_INPUT : 1;
        });
    }
}

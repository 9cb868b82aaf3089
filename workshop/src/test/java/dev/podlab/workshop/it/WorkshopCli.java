package dev.podlab.workshop.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs hack/workshop.sh as `make workshop-*` does, with the test's class settings. */
final class WorkshopCli {
    static final Path REPO = Path.of(System.getProperty("podlab.repo.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = REPO.resolve("workshop/target/it-kubeconfigs");
    /** Not the default 8, so the test proves the token lifetime is the one asked for. */
    static final int HOURS = 2;

    record Run(int exit, String out, String err, double seconds) {
        String all() {
            return out + err;
        }
    }

    private WorkshopCli() {
    }

    static Run run(Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = REPO.resolve("hack/workshop.sh").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().remove("ATTENDEES");
        pb.environment().remove("ATTENDEES_FILE");
        pb.environment().put("WORKSHOP_DIR", DIR.toString());
        pb.environment().put("WORKSHOP_SIZE", "xs");
        pb.environment().put("WORKSHOP_HOURS", Integer.toString(HOURS));
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("workshop-out", ".txt");
            Path err = Files.createTempFile("workshop-err", ".txt");
            long start = System.nanoTime();
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("hack/workshop.sh " + String.join(" ", args) + " did not end within 5 minutes");
            }
            Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
            Files.delete(out);
            Files.delete(err);
            System.out.printf("$ workshop %s %s -> exit %d in %.1f s%n%s%s%n", env, String.join(" ", args), run.exit(),
                    run.seconds(), run.out(), run.err());
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and expects exit 0. */
    static Run ok(Map<String, String> env, String... args) {
        Run run = run(env, args);
        if (run.exit() != 0) {
            throw new AssertionError("workshop " + String.join(" ", args) + " " + env + " exited " + run.exit() + ":\n" + run.all());
        }
        return run;
    }
}

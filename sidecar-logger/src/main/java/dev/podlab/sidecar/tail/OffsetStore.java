package dev.podlab.sidecar.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers how far the tailer got, so a restarted sidecar neither re-ships nor skips lines.
 * The file is rewritten through a temp file and an atomic rename: a crash leaves the old or the new state, never half.
 */
public final class OffsetStore {

    /**
     * Identity of the followed file plus the offset just after the last shipped byte.
     * The head checksum guards against inode reuse: a new file may get the inode of a deleted one.
     */
    public record State(String fileKey, long offset, int headLength, long headCrc) {
    }

    private final Path file;
    private final Path temp;
    private State saved;
    private boolean warned;

    public OffsetStore(Path file) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** The persisted state, or null on first start (or when the file is unreadable, which is reported). */
    public State load() {
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            saved = new State(values.get("fileKey"), Long.parseLong(values.get("offset")),
                    Integer.parseInt(values.get("headLength")), Long.parseLong(values.get("headCrc")));
            return saved;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            System.err.println("sidecar-logger: ignoring unreadable " + file + ": " + e);
            return null;
        }
    }

    /** Best effort: a read-only log dir must not stop shipping, so a failure is reported once and shipping goes on. */
    public void save(State state) {
        if (state.equals(saved)) {
            return;
        }
        String text = "fileKey=" + state.fileKey() + "\noffset=" + state.offset()
                + "\nheadLength=" + state.headLength() + "\nheadCrc=" + state.headCrc() + "\n";
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            saved = state;
            warned = false;
        } catch (IOException e) {
            if (!warned) {
                System.err.println("sidecar-logger: cannot persist offset to " + file + " (" + e
                        + "); a restart will resume from the last saved offset");
                warned = true;
            }
        }
    }
}

package dev.podlab.board.grid;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET /api/board: the class at one instant, attendees by name. */
public record Board(Instant at, int labs, long stuckAfterSeconds, List<Attendee> attendees) {

    /**
     * One attendee: their results by lab number, the lab of their latest result ({@code current},
     * null before any), whether they are stuck on it, and their pods by name.
     */
    public record Attendee(String name, String namespace, Map<Integer, Result> labs, Integer current, boolean stuck,
            List<PodLine> pods) {
    }

    /**
     * A lab check's result. {@code problem}: why the ConfigMap could not be read as a result (then
     * the numbers it lacks are null); {@code ageSeconds}: how long it has had this passed count.
     */
    public record Result(Integer passed, Integer total, Instant since, Long ageSeconds, String problem) {
        public boolean done() {
            return problem == null && total > 0 && passed.equals(total);
        }
    }

    /**
     * A pod as `kubectl get pods` shows it: {@code phase} as the API says, {@code reason} why it is not
     * simply in that phase (a waiting container's reason such as CrashLoopBackOff, or Terminating),
     * ready when every container is, restarts summed over its containers.
     */
    public record PodLine(String name, String phase, String reason, boolean ready, int restarts) {
    }
}

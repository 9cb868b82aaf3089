package dev.podlab.board.grid;

import dev.podlab.board.grid.Board.Attendee;
import dev.podlab.board.grid.Board.PodLine;
import dev.podlab.board.grid.Board.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the {@link Board} from what the cluster holds: attendees' namespaces, lab results, pods. */
public final class Grid {
    private Grid() {
    }

    public static Board board(List<Namespace> namespaces, List<ConfigMap> results, List<Pod> pods, Instant now,
            BoardSettings settings) {
        Map<String, List<ConfigMap>> resultsByNs = results.stream()
                .collect(Collectors.groupingBy(c -> c.getMetadata().getNamespace()));
        Map<String, List<Pod>> podsByNs = pods.stream().collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
        List<Attendee> attendees = namespaces.stream()
                .filter(ns -> ns.getMetadata().getLabels() != null && ns.getMetadata().getLabels().containsKey(Contract.ATTENDEE))
                .map(ns -> attendee(ns, resultsByNs.getOrDefault(ns.getMetadata().getName(), List.of()),
                        podsByNs.getOrDefault(ns.getMetadata().getName(), List.of()), now, settings))
                .sorted(Comparator.comparing(Attendee::name)).toList();
        return new Board(now, settings.labs(), settings.stuckAfter().toSeconds(), attendees);
    }

    private static Attendee attendee(Namespace ns, List<ConfigMap> results, List<Pod> pods, Instant now, BoardSettings settings) {
        Map<Integer, Result> labs = new TreeMap<>();
        for (ConfigMap c : results) {
            Integer lab = number(c.getMetadata().getLabels().get(Contract.LAB));
            if (lab != null && lab >= 1 && lab <= settings.labs()) {
                labs.put(lab, result(c.getData() == null ? Map.of() : c.getData(), now));
            }
        }
        // The latest result is the lab they are on: stuck when it is unfinished and older than stuck-after.
        Integer current = labs.entrySet().stream().filter(e -> e.getValue().problem() == null)
                .max(Comparator.comparing((Map.Entry<Integer, Result> e) -> e.getValue().since()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse(null);
        boolean stuck = current != null && !labs.get(current).done()
                && Duration.between(labs.get(current).since(), now).compareTo(settings.stuckAfter()) > 0;
        List<PodLine> lines = pods.stream().map(Grid::pod).sorted(Comparator.comparing(PodLine::name)).toList();
        return new Attendee(ns.getMetadata().getLabels().get(Contract.ATTENDEE), ns.getMetadata().getName(), labs, current,
                stuck, lines);
    }

    static Result result(Map<String, String> data, Instant now) {
        Integer passed = number(data.get(Contract.PASSED));
        Integer total = number(data.get(Contract.TOTAL));
        Instant since = instant(data.get(Contract.SINCE));
        Long age = since == null ? null : Math.max(0, Duration.between(since, now).toSeconds());
        String problem = null;
        if (passed == null || total == null || passed < 0 || total < 1 || passed > total) {
            problem = "passed=%s total=%s: want whole numbers, 0 <= passed <= total, total >= 1"
                    .formatted(data.get(Contract.PASSED), data.get(Contract.TOTAL));
        } else if (since == null) {
            problem = "since=%s: want an RFC 3339 time".formatted(data.get(Contract.SINCE));
        }
        return new Result(passed, total, since, age, problem);
    }

    static PodLine pod(Pod p) {
        var status = p.getStatus();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses();
        String reason = p.getMetadata().getDeletionTimestamp() != null ? "Terminating"
                : containers.stream().map(c -> c.getState() == null || c.getState().getWaiting() == null ? null
                        : c.getState().getWaiting().getReason()).filter(Objects::nonNull).findFirst().orElse(null);
        boolean ready = !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        int restarts = containers.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        return new PodLine(p.getMetadata().getName(), status == null || status.getPhase() == null ? "Pending" : status.getPhase(),
                reason, ready, restarts);
    }

    private static Integer number(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

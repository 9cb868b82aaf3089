package dev.podlab.board.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlab.board.grid.Board.Attendee;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final BoardSettings SETTINGS = new BoardSettings() {
        @Override
        public Duration stuckAfter() {
            return Duration.ofMinutes(15);
        }

        @Override
        public int labs() {
            return 9;
        }
    };

    private static Namespace ns(String attendee) {
        return new NamespaceBuilder().withNewMetadata().withName("ws-" + attendee).addToLabels(Contract.ATTENDEE, attendee)
                .endMetadata().build();
    }

    private static ConfigMap result(String attendee, String lab, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("lab-result-" + lab).withNamespace("ws-" + attendee)
                .addToLabels(Contract.LAB, lab).endMetadata().withData(data).build();
    }

    private static ConfigMap result(String attendee, int lab, int passed, int total, Duration ago) {
        return result(attendee, Integer.toString(lab), Map.of("passed", Integer.toString(passed), "total", Integer.toString(total),
                "since", NOW.minus(ago).toString()));
    }

    private static Attendee only(List<ConfigMap> results, List<Pod> pods) {
        return Grid.board(List.of(ns("ann")), results, pods, NOW, SETTINGS).attendees().getFirst();
    }

    @Test
    void stuckOnlyOnTheLatestLabWhenUnfinishedAndOlderThanStuckAfter() {
        assertThat(only(List.of(result("ann", 3, 2, 5, Duration.ofMinutes(16))), List.of()).stuck()).isTrue();
        assertThat(only(List.of(result("ann", 3, 2, 5, Duration.ofMinutes(14))), List.of()).stuck()).isFalse();
        assertThat(only(List.of(result("ann", 3, 5, 5, Duration.ofMinutes(40))), List.of()).stuck()).as("finished").isFalse();
        Attendee movedOn = only(List.of(result("ann", 3, 2, 5, Duration.ofMinutes(40)), result("ann", 4, 0, 6, Duration.ofMinutes(2))),
                List.of());
        assertThat(movedOn.current()).isEqualTo(4);
        assertThat(movedOn.stuck()).as("left lab 3 unfinished for lab 4, two minutes ago").isFalse();
        Attendee none = only(List.of(), List.of());
        assertThat(none.current()).isNull();
        assertThat(none.stuck()).isFalse();
    }

    @Test
    void resultsAreReadAsTheContractSaysAndProblemsNamed() {
        Attendee ann = only(List.of(result("ann", 2, 3, 7, Duration.ofSeconds(90)),
                result("ann", "5", Map.of("passed", "x", "total", "4", "since", NOW.toString())),
                result("ann", "6", Map.of("passed", "1", "total", "4", "since", "yesterday")),
                result("ann", "10", Map.of("passed", "1", "total", "1", "since", NOW.toString()))), List.of());
        assertThat(ann.labs()).containsOnlyKeys(2, 5, 6);
        assertThat(ann.labs().get(2)).isEqualTo(new Board.Result(3, 7, NOW.minusSeconds(90), 90L, null));
        assertThat(ann.labs().get(5).problem()).isEqualTo("passed=x total=4: want whole numbers, 0 <= passed <= total, total >= 1");
        assertThat(ann.labs().get(6).problem()).isEqualTo("since=yesterday: want an RFC 3339 time");
        assertThat(ann.current()).as("a broken result is nobody's current lab").isEqualTo(2);
    }

    @Test
    void onlyLabelledNamespacesAreAttendeesAndEachGetsItsOwnResultsAndPods() {
        Namespace other = new NamespaceBuilder().withNewMetadata().withName("podlab").endMetadata().build();
        Board board = Grid.board(List.of(ns("zoe"), other, ns("ann")), List.of(result("zoe", 1, 1, 1, Duration.ZERO)),
                List.of(new PodBuilder().withNewMetadata().withName("web").withNamespace("ws-ann").endMetadata().build()), NOW, SETTINGS);
        assertThat(board.attendees()).extracting(Attendee::name).containsExactly("ann", "zoe");
        assertThat(board.attendees().get(0).pods()).extracting(Board.PodLine::name).containsExactly("web");
        assertThat(board.attendees().get(0).labs()).isEmpty();
        assertThat(board.attendees().get(1).labs()).containsOnlyKeys(1);
        assertThat(board.labs()).isEqualTo(9);
        assertThat(board.stuckAfterSeconds()).isEqualTo(900);
    }

    @Test
    void podsAsKubectlShowsThem() {
        Pod crashing = new PodBuilder().withNewMetadata().withName("web-1").endMetadata().withNewStatus().withPhase("Running")
                .addNewContainerStatus().withReady(true).withRestartCount(2).endContainerStatus()
                .addNewContainerStatus().withReady(false).withRestartCount(5).withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus().endStatus().build();
        assertThat(Grid.pod(crashing)).isEqualTo(new Board.PodLine("web-1", "Running", "CrashLoopBackOff", false, 7));
        Pod leaving = new PodBuilder(crashing).editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata().build();
        assertThat(Grid.pod(leaving).reason()).isEqualTo("Terminating");
        Pod fresh = new PodBuilder().withNewMetadata().withName("new").endMetadata().build();
        assertThat(Grid.pod(fresh)).isEqualTo(new Board.PodLine("new", "Pending", null, false, 0));
    }
}

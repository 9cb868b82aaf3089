package dev.podlab.workshop.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RosterTest {

    @Test
    void wordsSeparatedBySpacesOrCommas() {
        assertThat(Roster.fromWords(" alice bob,carol-2\tdan ").names()).containsExactly("alice", "bob", "carol-2", "dan");
    }

    @Test
    void aNumberStandsForThatManyGeneratedNames() {
        List<String> names = Roster.fromWords("30").names();
        assertThat(names).hasSize(30).startsWith("attendee01").endsWith("attendee30").doesNotHaveDuplicates();
    }

    @Test
    void fileSkipsCommentsAndBlankLines() {
        Roster r = Roster.fromLines("roster.txt", List.of("# class of Monday", "alice", "", "  bob   # late", "#carol"));
        assertThat(r.names()).containsExactly("alice", "bob");
    }

    @Test
    void eachProblemNamesItsLineAndName() {
        List<String> lines = List.of("alice", "Bob", "alice", "default", "kube-public", "lab3",
                "a-name-of-twenty-one1", "a-name-of-twenty-chr", "-dash", "two names", "podlab", "instructor");
        assertThatThrownBy(() -> Roster.fromLines("r.txt", lines)).isInstanceOfSatisfying(RosterException.class, e ->
                assertThat(e.problems()).containsExactly("r.txt line 10: \"two names\": one name a line"));
        List<String> one = lines.stream().filter(l -> !l.contains(" ")).toList();
        assertThatThrownBy(() -> Roster.fromLines("r.txt", one)).isInstanceOfSatisfying(RosterException.class, e -> {
            assertThat(e.problems()).hasSize(9); // the one-name lines only: "podlab" is now line 10
            assertThat(e.problems().get(0)).startsWith("r.txt line 2: \"Bob\": not a DNS-1123 label");
            assertThat(e.problems().get(1)).isEqualTo("r.txt line 3: \"alice\": duplicate of r.txt line 1");
            assertThat(e.problems().get(2)).startsWith("r.txt line 4: \"default\": reserved");
            assertThat(e.problems().get(3)).startsWith("r.txt line 5: \"kube-public\": reserved");
            assertThat(e.problems().get(4)).startsWith("r.txt line 6: \"lab3\": reserved");
            assertThat(e.problems().get(5)).isEqualTo("r.txt line 7: \"a-name-of-twenty-one1\": longer than 20 characters");
            assertThat(e.problems().get(6)).startsWith("r.txt line 9: \"-dash\": not a DNS-1123 label");
            assertThat(e.problems().get(7)).startsWith("r.txt line 10: \"podlab\": reserved");
            assertThat(e.problems().get(8)).startsWith("r.txt line 11: \"instructor\": reserved");
            assertThat(e.getMessage()).startsWith("bad roster, nothing was made:");
        });
        assertThat(Roster.fromWords("a-name-of-twenty-chr").names()).containsExactly("a-name-of-twenty-chr");
        assertThatThrownBy(() -> Roster.fromWords("instructor")).hasMessageContaining("reserved");
    }

    @Test
    void anEmptyRosterIsRefused() {
        assertThatThrownBy(() -> Roster.fromWords("  ")).hasMessageContaining("ATTENDEES: the roster is empty");
        assertThatThrownBy(() -> Roster.fromLines("r.txt", List.of("# nobody yet", "")))
                .hasMessageContaining("r.txt: the roster is empty");
        assertThatThrownBy(() -> Roster.fromWords("0")).hasMessageContaining("the roster is empty");
    }

    /** The reserved lab names are the labs' namespaces as labs/README.md lists them. */
    @Test
    void reservedLabNamesAreTheLabsNamespaces() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("podlab.repo.root", ".."), "labs/README.md"));
        Matcher m = Pattern.compile("(?m)^\\| \\d+ \\| \\[[^]]+\\]\\([^)]+\\) \\| (\\w+) \\|").matcher(readme);
        List<String> labNamespaces = m.results().map(r -> r.group(1)).toList();
        assertThat(labNamespaces).hasSize(9);
        assertThat(Roster.RESERVED).containsAll(labNamespaces);
    }
}

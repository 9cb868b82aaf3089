package dev.podlab.workshop.roster;

import java.util.List;

/** A roster that cannot be used; each problem names its line (or word) and the name. */
public class RosterException extends IllegalArgumentException {
    private final List<String> problems;

    public RosterException(List<String> problems) {
        super("bad roster, nothing was made:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

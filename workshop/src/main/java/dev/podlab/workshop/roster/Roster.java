package dev.podlab.workshop.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The attendees of a class, checked before anything is made: each name becomes namespace
 * {@code ws-NAME}, so it must be a short DNS-1123 label, unique, and not one of the cluster's
 * own names (which would confuse attendees even under the ws- prefix).
 */
public record Roster(List<String> names) {
    public static final int MAX_NAME = 20;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,4}");
    /** Names of the cluster's own namespaces: Kubernetes', podlab's, the labs' (labs/README.md), the instructor's role. */
    static final List<String> RESERVED = List.of("default", "podlab", "instructor",
            "lab1", "lab2", "lab3", "lab4", "lab5", "lab6", "lab7", "lab8", "lab9");

    /**
     * Names given on the command line, separated by spaces or commas. A lone number N stands for
     * N generated names attendee01, attendee02, ...: a class sized before its names are known.
     */
    public static Roster fromWords(String words) {
        String trimmed = words.strip();
        if (COUNT.matcher(trimmed).matches()) {
            int n = Integer.parseInt(trimmed);
            List<Entry> generated = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                generated.add(new Entry("ATTENDEES", "attendee%02d".formatted(i)));
            }
            return check("ATTENDEES=" + trimmed, generated);
        }
        List<Entry> entries = new ArrayList<>();
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("[\\s,]+");
        for (int i = 0; i < parts.length; i++) {
            entries.add(new Entry("ATTENDEES word " + (i + 1), parts[i]));
        }
        return check("ATTENDEES", entries);
    }

    /** A roster file: one name a line; blank lines and everything after # are ignored. */
    public static Roster fromLines(String file, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String name = (hash < 0 ? line : line.substring(0, hash)).strip();
            String where = file + " line " + (i + 1);
            if (name.split("\\s+").length > 1) {
                errors.add(where + ": \"" + name + "\": one name a line");
            } else if (!name.isEmpty()) {
                entries.add(new Entry(where, name));
            }
        }
        if (!errors.isEmpty()) {
            throw new RosterException(errors);
        }
        return check(file, entries);
    }

    private record Entry(String where, String name) {
    }

    private static Roster check(String source, List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new RosterException(List.of(source + ": the roster is empty: give at least one attendee name"));
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Entry e : entries) {
            String problem = problem(e.name());
            if (problem != null) {
                errors.add(e.where() + ": \"" + e.name() + "\": " + problem);
            } else if (seen.containsKey(e.name())) {
                errors.add(e.where() + ": \"" + e.name() + "\": duplicate of " + seen.get(e.name()));
            } else {
                seen.put(e.name(), e.where());
            }
        }
        if (!errors.isEmpty()) {
            throw new RosterException(errors);
        }
        return new Roster(entries.stream().map(Entry::name).toList());
    }

    private static String problem(String name) {
        if (name.length() > MAX_NAME) {
            return "longer than " + MAX_NAME + " characters";
        }
        if (!DNS_1123_LABEL.matcher(name).matches()) {
            return "not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
        }
        if (RESERVED.contains(name) || name.startsWith("kube-")) {
            return "reserved (" + String.join(", ", RESERVED) + " and kube-* are the cluster's own names)";
        }
        return null;
    }
}

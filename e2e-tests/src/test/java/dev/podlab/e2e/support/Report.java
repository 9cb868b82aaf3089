package dev.podlab.e2e.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run's report in target/e2e-report: report.json with every scenario's figures and
 * report.md, the same as a table. Rewritten after each scenario so a failed run keeps what it measured.
 */
public final class Report {
    /** A throwaway-cluster run (after the main one in `make test`) keeps its own report. */
    private static final Path DIR = Path.of("target", Cluster.isKind() ? "e2e-report" : "e2e-report-" + Cluster.PROVIDER);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, Map<String, Object>> SCENARIOS = new TreeMap<>();

    private Report() {
    }

    public static synchronized void record(String scenario, Map<String, Object> figures) {
        SCENARIOS.put(scenario, figures);
        System.out.println("[e2e-report] " + scenario + " " + figures);
        try {
            Files.createDirectories(DIR);
            JSON.writeValue(DIR.resolve("report.json").toFile(), SCENARIOS);
            Files.writeString(DIR.resolve("report.md"), table());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + DIR, e);
        }
    }

    private static String table() {
        Set<String> columns = new LinkedHashSet<>();
        SCENARIOS.values().forEach(f -> columns.addAll(f.keySet()));
        StringBuilder md = new StringBuilder("| scenario | " + String.join(" | ", columns) + " |\n|---|");
        md.append("---|".repeat(columns.size())).append('\n');
        SCENARIOS.forEach((name, figures) -> {
            md.append("| ").append(name).append(" |");
            columns.forEach(c -> md.append(' ').append(figures.getOrDefault(c, "")).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }
}

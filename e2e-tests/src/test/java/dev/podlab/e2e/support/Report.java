package dev.podlab.e2e.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's report in target/e2e-report: report.json with every scenario's figures, and
 * report.md with a short table per scenario and, for load runs, a picture (an SVG beside it).
 * Rewritten after each scenario so a failed run keeps what it measured; classes running at once
 * record through one lock.
 */
public final class Report {
    /** A throwaway-cluster run (after the main one in `make test`) keeps its own report. */
    private static final Path DIR = Path.of("target", Cluster.isKind() ? "e2e-report" : "e2e-report-" + Cluster.PROVIDER);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, Map<String, Object>> SCENARIOS = new TreeMap<>();
    /** The picture file of each scenario that has one. */
    private static final Map<String, String> PICTURES = new TreeMap<>();

    private Report() {
    }

    public static void record(String scenario, Map<String, Object> figures) {
        record(scenario, figures, null);
    }

    /** Records a scenario's figures and, when {@code svg} is not null, its picture. */
    public static synchronized void record(String scenario, Map<String, Object> figures, String svg) {
        SCENARIOS.put(scenario, figures);
        System.out.println("[e2e-report] " + scenario + " " + figures);
        try {
            Files.createDirectories(DIR);
            if (svg != null) {
                String file = scenario.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + ".svg";
                Files.writeString(DIR.resolve(file), svg);
                PICTURES.put(scenario, file);
            }
            JSON.writeValue(DIR.resolve("report.json").toFile(), SCENARIOS);
            Files.writeString(DIR.resolve("report.md"), markdown());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + DIR, e);
        }
    }

    private static String markdown() {
        StringBuilder md = new StringBuilder("# e2e report (" + Cluster.PROVIDER + " cluster)\n\n"
                + "One table per scenario; figures named ...Ms are milliseconds.\n");
        SCENARIOS.forEach((name, figures) -> {
            md.append("\n## ").append(name).append("\n\n| figure | value |\n|---|---|\n");
            figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            if (PICTURES.containsKey(name)) {
                md.append("\n![").append(name).append("](").append(PICTURES.get(name)).append(")\n");
            }
        });
        return md.toString();
    }
}

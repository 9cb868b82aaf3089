package dev.podlab.e2e.support;

import java.util.List;
import java.util.Locale;

/**
 * A load run as an SVG picture for the report: the requests of each second, answered (green)
 * and failed (red), stacked, with the run's marked moments (the fault, the recovery) as lines.
 */
public final class LoadChart {
    private static final int LEFT = 50;
    private static final int TOP = 80;
    private static final int PLOT_WIDTH = 760;
    private static final int PLOT_HEIGHT = 200;
    private static final int WIDTH = LEFT + PLOT_WIDTH + 20;
    private static final int HEIGHT = TOP + PLOT_HEIGHT + 45;
    private static final String OK = "#2e7d32";
    private static final String FAILED = "#c62828";
    private static final String MARK = "#ef6c00";

    private LoadChart() {
    }

    public static String svg(String title, LoadRunner.Result result) {
        List<LoadRunner.Sample> samples = result.samples();
        long lastMs = Math.max(samples.stream().mapToLong(LoadRunner.Sample::atMs).max().orElse(0),
                result.marks().stream().mapToLong(LoadRunner.Mark::atMs).max().orElse(0));
        int seconds = (int) (lastMs / 1000) + 1;
        int[] ok = new int[seconds];
        int[] failed = new int[seconds];
        for (LoadRunner.Sample s : samples) {
            int second = (int) (s.atMs() / 1000);
            if (s.ok()) {
                ok[second]++;
            } else {
                failed[second]++;
            }
        }
        int most = 1;
        for (int i = 0; i < seconds; i++) {
            most = Math.max(most, ok[i] + failed[i]);
        }
        double perSecond = (double) PLOT_WIDTH / seconds;
        double perRequest = (double) PLOT_HEIGHT / most;
        int base = TOP + PLOT_HEIGHT;

        StringBuilder svg = new StringBuilder();
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH, HEIGHT));
        svg.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        svg.append(fmt("<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", LEFT, escape(title)));
        svg.append(fmt("<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"35\">answered</text>\n",
                LEFT, OK, LEFT + 14));
        svg.append(fmt("<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"35\">failed</text>\n",
                LEFT + 90, FAILED, LEFT + 104));
        svg.append(fmt("<text x=\"%d\" y=\"35\">requests per second</text>\n", LEFT + 170));
        for (int i = 0; i < seconds; i++) {
            double x = LEFT + i * perSecond;
            double okHeight = ok[i] * perRequest;
            double failedHeight = failed[i] * perRequest;
            svg.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                    x, base - okHeight, perSecond * 0.9, okHeight, OK));
            if (failed[i] > 0) {
                svg.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%d failed</title></rect>\n",
                        x, base - okHeight - failedHeight, perSecond * 0.9, failedHeight, FAILED, failed[i]));
            }
        }
        // Axes: requests up the left, seconds of the run along the bottom.
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, TOP, LEFT, base));
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, base, LEFT + PLOT_WIDTH, base));
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n", LEFT - 4, TOP + 4, most));
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", LEFT - 4, base + 4));
        int step = seconds <= 30 ? 5 : seconds <= 120 ? 10 : 30;
        for (int t = 0; t <= seconds; t += step) {
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d s</text>\n", LEFT + t * perSecond, base + 16, t));
        }
        // Marks: a dashed line each, labelled above the bars on alternate rows so that close ones do not overlap.
        List<LoadRunner.Mark> marks = result.marks();
        for (int i = 0; i < marks.size(); i++) {
            LoadRunner.Mark m = marks.get(i);
            double x = LEFT + m.atMs() / 1000.0 * perSecond;
            int labelY = TOP - 8 - (i % 2) * 16;
            svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>\n",
                    x, labelY + 4, x, base, MARK));
            boolean late = x > LEFT + PLOT_WIDTH * 0.7;
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s (%.1f s)</text>\n", late ? x - 3 : x + 3,
                    labelY, MARK, late ? "end" : "start", escape(m.label()), m.atMs() / 1000.0));
        }
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the request stream started</text>\n",
                LEFT + PLOT_WIDTH / 2, base + 36));
        return svg.append("</svg>\n").toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package dev.vtlab.report;

import dev.vtlab.bench.Config;
import dev.vtlab.bench.Figure;
import dev.vtlab.bench.Row;
import dev.vtlab.bench.Sample;
import dev.vtlab.bench.Suite;
import dev.vtlab.bench.Summary;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Renders {@code vtlab bench} results: one Markdown table per suite, every figure as {@code median [min–max] (runs)},
 * or every run as JSON. Also the progress lines on stderr.
 */
public final class BenchReport {

    private final PrintWriter out;
    private final Style style;

    public BenchReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    /**
     * A number as the tables print it: no decimals from 100 (or for a whole number), one from 10, two below, thousands
     * separated.
     * {@code 2556.4 -> 2,556}, {@code 14.23 -> 14.2}, {@code 0.587 -> 0.59}.
     */
    public static String number(double v) {
        double a = Math.abs(v);
        String format = a >= 100 || v == Math.rint(v) ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, v);
    }

    /** {@code median [min–max] (runs)}; a single run prints its value and (1). */
    public static String summary(Summary s) {
        if (s.runs() == 1 || s.min() == s.max()) {
            return number(s.median()) + " (" + s.runs() + ")";
        }
        return number(s.median()) + " [" + number(s.min()) + "–" + number(s.max()) + "] (" + s.runs() + ")";
    }

    /** The heading: what was measured on what. */
    public void header(String jdk, int cores, Map<Suite, String> runsPerSuite) {
        out.println(style.bold("vtlab bench") + " on " + jdk + ", " + cores + " cores. Every row ran in a fresh JVM;"
                + " figures are median [min–max] (timed runs).");
        out.println("  load average at the start: " + loadAverage());
        runsPerSuite.forEach((suite, runs) -> out.println("  " + suite.cliName() + ": " + runs));
        out.println();
        out.flush();
    }

    public void text(List<Row> rows, int planned, boolean stopped) {
        for (Suite suite : Suite.values()) {
            List<Row> mine = rows.stream().filter(r -> r.config().suite() == suite).toList();
            if (!mine.isEmpty()) {
                table(suite, mine);
            }
        }
        if (stopped) {
            out.println(style.yellow("Stopped (Ctrl-C) after " + rows.size() + " of " + planned
                    + " rows; the rows above are complete."));
        }
        out.println("Load average at the end: " + loadAverage());
        out.flush();
    }

    /**
     * The system's load average over the last minute, which says how busy the machine was (on 2 cores, 2 is full),
     * or "unknown" where the JVM cannot tell.
     */
    static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 minute)", load);
    }

    private void table(Suite suite, List<Row> rows) {
        List<String> headers = new ArrayList<>(rows.getFirst().config().columns().keySet());
        suite.figures().forEach(f -> headers.add(f.header()));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(row.config().columns().values());
            if (row.config().skipped()) {
                line.add("skipped: " + row.config().skipReason());
                while (line.size() < headers.size()) {
                    line.add("");
                }
            } else {
                for (Figure f : suite.figures()) {
                    line.add(cell(f, row));
                }
            }
            cells.add(line);
        }
        out.println(style.bold("## " + suite.cliName()));
        out.println("| " + String.join(" | ", headers) + " |");
        out.println("|" + "---|".repeat(headers.size()));
        for (List<String> line : cells) {
            out.println("| " + String.join(" | ", line) + " |");
        }
        out.println();
    }

    private static String cell(Figure figure, Row row) {
        return switch (figure) {
            case Figure.PerRun perRun -> summary(perRun.summarise(row));
            case Figure.PerRow perRow -> {
                OptionalDouble v = perRow.value().apply(row);
                yield v.isPresent() ? number(v.getAsDouble()) : "–";
            }
        };
    }

    /** {@code --format json}: the run, then every row with its columns, parameters, figures and raw samples. */
    record Document(String jdk, int cores, int planned, boolean stopped, List<RowJson> rows) {
    }

    /**
     * @param skipped   the reason the row did not run, or null
     * @param figures   by header: a {@link Spread} for a figure of every run, a number (or null) for one of the row
     * @param warmups   each untimed run's raw values, keys sorted
     */
    record RowJson(String suite, Map<String, String> columns, Map<String, String> params, String skipped,
                   long peakRssKb, long jvmMillis, Map<String, Object> figures, List<Map<String, Long>> warmups,
                   List<Map<String, Long>> runs) {
    }

    /** A {@link Summary}, as JSON names it. */
    record Spread(double median, double min, double max, int runs) {
    }

    /** Every run of every row, for scripts. */
    public void json(String jdk, int cores, List<Row> rows, int planned, boolean stopped) {
        List<RowJson> items = rows.stream().map(BenchReport::row).toList();
        JsonDocument.print(out, new Document(jdk, cores, planned, stopped, items));
    }

    private static RowJson row(Row row) {
        Config c = row.config();
        Map<String, Object> figures = new LinkedHashMap<>();
        if (!c.skipped()) {
            for (Figure f : c.suite().figures()) {
                figures.put(f.header(), switch (f) {
                    case Figure.PerRun perRun -> {
                        Summary s = perRun.summarise(row);
                        yield new Spread(s.median(), s.min(), s.max(), s.runs());
                    }
                    case Figure.PerRow perRow -> {
                        OptionalDouble v = perRow.value().apply(row);
                        yield v.isPresent() ? v.getAsDouble() : null;
                    }
                });
            }
        }
        return new RowJson(c.suite().cliName(), c.columns(), c.params(), c.skipReason(), row.peakRssKb(),
                row.took().toMillis(), figures, samples(row.warmups()), samples(row.runs()));
    }

    private static List<Map<String, Long>> samples(List<Sample> samples) {
        return samples.stream().map(s -> (Map<String, Long>) new TreeMap<>(s.values())).toList();
    }

    /** Progress, one line per row (stderr). */
    public void starting(int index, int total, Config config) {
        out.println(style.dim("bench [" + index + "/" + total + "] " + config.label() + " ..."));
        out.flush();
    }

    public void finished(int index, int total, Row row) {
        String what;
        if (row.config().skipped()) {
            what = "skipped: " + row.config().skipReason();
        } else {
            Figure first = row.config().suite().figures().getFirst();
            what = first.header() + " " + cell(first, row) + style.dim(String.format(Locale.ROOT, "  (JVM %.1f s)",
                    row.took().toMillis() / 1e3));
        }
        out.println("bench [" + index + "/" + total + "] " + row.config().label() + ": " + what);
        out.flush();
    }
}

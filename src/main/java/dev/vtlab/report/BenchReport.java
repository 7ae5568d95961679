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
 * {@code vtlab bench}'s view: one table per suite, every figure as {@code median [min–max] (runs)}, and every run as
 * data. Also the progress lines on stderr.
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

    /**
     * The whole result as a page: the heading, a table per suite (Markdown in text, to paste into a document), a note
     * if Ctrl-C stopped the run; its data is every row with its columns, parameters, figures and raw samples.
     *
     * @param runsPerSuite how many timed runs after how many warm-ups, per suite
     */
    public static Page page(String command, List<Row> rows, int planned, boolean stopped,
                            Map<Suite, String> runsPerSuite) {
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Para(List.of(new Block.Span("vtlab bench", Block.Tone.BOLD), Block.Span.plain(" on "
                + jdk + ", " + cores + " cores. Every row ran in a fresh JVM; figures are median [min–max] (timed"
                + " runs).")), 0, 0));
        blocks.add(Block.Para.of("  load average at the start: " + loadAverage()));
        runsPerSuite.forEach((suite, runs) -> blocks.add(Block.Para.of("  " + suite.cliName() + ": " + runs)));
        blocks.add(new Block.Blank());
        for (Suite suite : Suite.values()) {
            List<Row> mine = rows.stream().filter(r -> r.config().suite() == suite).toList();
            if (!mine.isEmpty()) {
                blocks.add(new Block.Heading(2, "## " + suite.cliName()));
                blocks.add(table(suite, mine));
                blocks.add(new Block.Blank());
            }
        }
        if (stopped) {
            blocks.add(Block.Para.of(Block.Tone.WARN, "Stopped (Ctrl-C) after " + rows.size() + " of " + planned
                    + " rows; the rows above are complete."));
        }
        blocks.add(Block.Para.of("Load average at the end: " + loadAverage()));
        return new Page(Page.SCHEMA, "bench", "vtlab bench: what the lessons talk about, measured", command,
                Page.Machine.current(), null, stopped, rows.stream().map(BenchReport::row).map(Object.class::cast)
                .toList(), new Totals(planned, stopped), blocks);
    }

    /**
     * The system's load average over the last minute, which says how busy the machine was (on 2 cores, 2 is full),
     * or "unknown" where the JVM cannot tell.
     */
    static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 minute)", load);
    }

    /** @param planned the rows the run was to measure; {@code stopped}: Ctrl-C ended it before all were */
    record Totals(int planned, boolean stopped) {
    }

    private static Block.Table table(Suite suite, List<Row> rows) {
        List<Block.Column> columns = new ArrayList<>();
        rows.getFirst().config().columns().keySet().forEach(h -> columns.add(Block.Column.left(h)));
        suite.figures().forEach(f -> columns.add(Block.Column.right(f.header())));
        List<Block.Row> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(row.config().columns().values());
            if (row.config().skipped()) {
                line.add("skipped: " + row.config().skipReason());
                while (line.size() < columns.size()) {
                    line.add("");
                }
            } else {
                for (Figure f : suite.figures()) {
                    line.add(cell(f, row));
                }
            }
            cells.add(Block.Row.of(Block.Tone.PLAIN, line.toArray(String[]::new)));
        }
        return new Block.Table(columns, cells, true, 0, 2, true);
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

    /**
     * One row of {@code --format json}: its columns (labels, as the table prints them), its parameters, its figures
     * and every raw sample.
     *
     * @param skipped   the reason the row did not run, or null
     * @param figures   by header: a {@link Spread} for a figure of every run, a number (or null) for one of the row
     * @param warmups   each untimed run's raw values, keys sorted
     */
    record RowJson(String suite, Map<String, String> columns, Map<String, Object> params, String skipped,
                   long peakRssKb, long jvmMillis, Map<String, Object> figures, List<Map<String, Long>> warmups,
                   List<Map<String, Long>> runs) {
    }

    /** A {@link Summary}, as JSON names it. */
    record Spread(double median, double min, double max, int runs) {
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
        return new RowJson(c.suite().cliName(), c.columns(), typed(c.params()), c.skipReason(), row.peakRssKb(),
                row.took().toMillis(), figures, samples(row.warmups()), samples(row.runs()));
    }

    /** The child's parameters as JSON means them: numbers as numbers, true and false as booleans. */
    private static Map<String, Object> typed(Map<String, String> params) {
        Map<String, Object> typed = new TreeMap<>();
        params.forEach((k, v) -> typed.put(k, v.matches("-?\\d{1,18}") ? (Object) Long.parseLong(v)
                : v.equals("true") || v.equals("false") ? (Object) Boolean.parseBoolean(v) : v));
        return typed;
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

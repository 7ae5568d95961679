package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Story;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One lesson run on several JDKs ({@code --jdk 21,25}), each in its own JVM, set side by side: each JDK's page as
 * it would have printed it, then a table of every run's grade and figure per JDK, what differs, and why. The why is
 * the lesson's: what changed between the releases in what the lesson uses (JEP 491 for pinning, JEP 505 for the
 * scopes), or that nothing did.
 */
public final class SideBySideView {

    /**
     * One JDK's part: the release asked for, the home it ran from, its JVM's exit code, the recording it wrote (or
     * null), and its page (null if it printed none, such as a JVM that failed to start).
     */
    public record JdkRun(int release, String home, int exitCode, String recording, Page page) {
    }

    /**
     * The JSON document: the same top-level keys as every other (runs empty, summary null: each JDK's own document,
     * its runs and summary are under {@code jdks}), then {@code jdks} and {@code differences}.
     */
    @JsonPropertyOrder({"schema", "lesson", "title", "command", "machine", "grade", "interrupted", "runs", "summary",
            "jdks", "differences"})
    public record Document(int schema, String lesson, String title, String command, Page.Machine machine,
                           String grade, boolean interrupted, List<Object> runs, Object summary, List<JdkData> jdks,
                           List<String> differences) {
    }

    /** @param document that JDK's own document, as {@code --format json} prints it; null if it printed none */
    public record JdkData(int release, String home, int exitCode, String recording, Page document) {
    }

    /**
     * One run's figure and grade on one JDK, in a few words; {@code key} is what must match for the run to count as
     * the same on two JDKs (the endings an account run saw, not how often: counts differ from run to run anyway).
     */
    record Cell(String label, String figure, String key, String grade) {
        String text() {
            return grade == null ? figure : grade + " " + figure;
        }
    }

    private final String lesson;
    private final String command;
    private final List<JdkRun> jdks;
    private final boolean interrupted;
    private final List<Integer> notRun;

    /**
     * @param jdks        the JDKs that ran, in order
     * @param interrupted Ctrl-C or SIGTERM stopped the run
     * @param notRun      the releases asked for that did not run because it was stopped
     */
    public SideBySideView(String lesson, String command, List<JdkRun> jdks, boolean interrupted,
                          List<Integer> notRun) {
        this.lesson = lesson;
        this.command = command;
        this.jdks = List.copyOf(jdks);
        this.interrupted = interrupted;
        this.notRun = List.copyOf(notRun);
    }

    private String releases() {
        return jdks.stream().map(j -> "JDK " + j.release()).collect(Collectors.joining(" and "));
    }

    /** The worst grade any JDK's page gave, or null if none gave one. */
    String grade() {
        List<String> order = List.of("FORBIDDEN", "INTERESTING", "EXPECTED");
        return jdks.stream().map(JdkRun::page).filter(Objects::nonNull).map(Page::grade).filter(Objects::nonNull)
                .min((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).orElse(null);
    }

    public Document document() {
        return new Document(Page.SCHEMA, lesson, lesson + " on " + releases(), command, Page.Machine.current(),
                grade(), interrupted, List.of(), null, jdks.stream().map(j -> new JdkData(j.release(), j.home(),
                j.exitCode(), j.recording(), j.page())).toList(), differences());
    }

    /** The page text and HTML lay out: each JDK's blocks, then the comparison. */
    public Page page(boolean forText) {
        List<Block> blocks = new ArrayList<>();
        for (JdkRun jdk : jdks) {
            blocks.add(new Heading(1, "=== on JDK " + jdk.release() + " (" + version(jdk) + ") ==="));
            if (jdk.page() == null) {
                blocks.add(Para.of(Tone.WARN, "No result from JDK " + jdk.release() + ": its JVM exited "
                        + jdk.exitCode() + " (its messages are above)."));
            } else {
                for (Block b : jdk.page().blocks()) {
                    // The text printed a run's story while it ran; here the run was in another JVM, so print it now.
                    if (forText && b instanceof Story story) {
                        story.lines().forEach(line -> blocks.add(Para.of(line)));
                    } else {
                        blocks.add(b);
                    }
                }
            }
            blocks.add(new Block.Blank());
        }
        blocks.addAll(comparison());
        return new Page(Page.SCHEMA, lesson, lesson + " on " + releases(), command, Page.Machine.current(), grade(),
                interrupted, List.of(), null, blocks);
    }

    private static String version(JdkRun jdk) {
        return jdk.page() == null ? "no result" : jdk.page().machine().jdk();
    }

    /** The side-by-side table, then what differs and why. */
    List<Block> comparison() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "== " + lesson + " side by side: " + releases() + " =="));
        List<List<Cell>> cells = jdks.stream().map(j -> cells(j.page())).toList();
        int rows = cells.stream().mapToInt(List::size).max().orElse(0);
        // One line per run and JDK, not a column per JDK: it fits 80 columns for any number of JDKs.
        List<Column> columns = List.of(Column.left("run"), Column.right("JDK"), Column.left("grade"),
                Column.left("what happened"));
        List<Row> table = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int row = i;
            String label = cells.stream().filter(c -> c.size() > row).map(c -> c.get(row).label()).findFirst()
                    .orElse("");
            for (int j = 0; j < jdks.size(); j++) {
                Cell c = cells.get(j).size() > row ? cells.get(j).get(row) : null;
                table.add(new Row(List.of(Span.plain(j == 0 ? label : ""),
                        Span.plain(Integer.toString(jdks.get(j).release())),
                        c == null || c.grade() == null ? Span.plain("-") : new Span(c.grade(), tone(c.grade())),
                        Span.plain(c == null ? "no result" : c.figure())), Tone.PLAIN, null));
            }
        }
        blocks.add(new Table(columns, table, true, 2));
        blocks.add(new Para(List.of(Span.plain("Exit codes: " + jdks.stream().map(j -> j.exitCode() + " on JDK "
                + j.release()).collect(Collectors.joining(", ")) + ".")), 2, 4));
        for (JdkRun j : jdks) {
            if (j.recording() != null) {
                blocks.add(new Para(List.of(Span.plain("JDK " + j.release() + "'s recording: " + j.recording())),
                        2, 4));
            }
        }
        blocks.add(new Block.Blank());
        blocks.add(new Heading(2, "What differs, and why:"));
        differences().forEach(d -> blocks.add(new Para(List.of(Span.plain(d)), 2, 4)));
        return blocks;
    }

    private static Tone tone(String grade) {
        if (grade == null) {
            return Tone.PLAIN;
        }
        return switch (grade) {
            case "EXPECTED" -> Tone.EXPECTED;
            case "INTERESTING" -> Tone.INTERESTING;
            case "FORBIDDEN" -> Tone.FORBIDDEN;
            default -> Tone.PLAIN;
        };
    }

    /** Each run that differs between the JDKs, in words, then the lesson's why. */
    List<String> differences() {
        List<List<Cell>> cells = jdks.stream().map(j -> cells(j.page())).toList();
        List<String> lines = new ArrayList<>();
        int rows = cells.stream().mapToInt(List::size).max().orElse(0);
        boolean gradeDiffers = false;
        for (int i = 0; i < rows; i++) {
            int row = i;
            List<Cell> across = cells.stream().map(c -> c.size() > row ? c.get(row) : null).toList();
            boolean differs = across.stream().map(c -> c == null ? null : c.grade() + "|" + c.key()).distinct()
                    .count() > 1;
            if (!differs) {
                continue;
            }
            gradeDiffers |= across.stream().map(c -> c == null ? null : c.grade()).distinct().count() > 1;
            String label = across.stream().filter(Objects::nonNull).findFirst().map(Cell::label).orElse("");
            List<String> per = new ArrayList<>();
            for (int j = 0; j < jdks.size(); j++) {
                Cell c = across.get(j);
                per.add((c == null ? "nothing" : c.text()) + " on JDK " + jdks.get(j).release());
            }
            lines.add(label + ": " + String.join("; ", per) + ".");
        }
        if (!notRun.isEmpty()) {
            lines.add(0, "Stopped before " + notRun.stream().map(n -> "JDK " + n).collect(Collectors.joining(" and "))
                    + " ran: nothing to set beside " + releases() + "'s result.");
            return lines;
        }
        if (lines.isEmpty()) {
            lines.add("Every run ended the same on " + releases() + ".");
        }
        lines.add(why(lines.size() > 1 || !lines.getFirst().startsWith("Every run"), gradeDiffers));
        return lines;
    }

    /** The lesson's account of what changed between the JDKs in what it uses. */
    private String why(boolean anyDifference, boolean gradeDiffers) {
        return switch (lesson) {
            case "pinning" -> "Why: JEP 491 (JDK 24) lets a virtual thread unmount inside synchronized, both while"
                    + " it sleeps holding the monitor and while it waits to enter it, so synchronized stalls the"
                    + " heartbeat on JDK 21 only. Blocking in a class initializer still pins on 25 (--lock"
                    + " class-init); a ReentrantLock pins on neither.";
            case "failure" -> "Why: JEP 505 (JDK 25) redesigned StructuredTaskScope: StructuredTaskScope.open()"
                    + " with a Joiner replaces the ShutdownOnFailure and ShutdownOnSuccess subclasses, and join()"
                    + " itself throws FailedException (its cause the subtask's own exception) where JDK 21's"
                    + " throwIfFailed() threw ExecutionException; a deadline is configuration (withTimeout) rather"
                    + " than joinUntil. What each way promises is the same on both.";
            default -> (anyDifference ? "Why: scheduling, not the JDK. " : "Why: ")
                    + "Nothing this lesson uses changed between the releases: the read-add-write race is in the"
                    + " code, and a guard fixes it on every JDK."
                    + (gradeDiffers ? " Which interleaving a run gets differs from run to run on any JDK." : "");
        };
    }

    /** Each run of a page, as a label and a few words: read from the page's JSON data, the same on every JDK. */
    @SuppressWarnings("unchecked")
    static List<Cell> cells(Page page) {
        if (page == null) {
            return List.of();
        }
        List<Cell> cells = new ArrayList<>();
        for (Object o : page.runs()) {
            Map<String, Object> run = o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String grade = string(run.get("grade"));
            cells.add(switch (page.lesson()) {
                case "counter" -> new Cell("--sync " + run.get("sync") + " --threads " + run.get("threads"),
                        run.get("actual") + " of " + run.get("expected"), String.valueOf(run.get("actual")), grade);
                case "account" -> account(run);
                case "pinning" -> {
                    boolean stalled = Boolean.TRUE.equals(run.get("stalled"));
                    yield new Cell("--lock " + run.get("lock"), (stalled ? "stalled " : "ticked, worst ")
                            + ms(run.get("heartbeatWorstDelayMs")), Boolean.toString(stalled), grade);
                }
                case "failure" -> {
                    String saw = failure(run);
                    yield new Cell(run.get("number") + " " + run.get("way"), saw,
                            saw.startsWith("returned") ? "returned" : saw, grade);
                }
                default -> new Cell(page.lesson(), "", "", grade);
            });
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static Cell account(Map<String, Object> run) {
        Map<String, Object> parameters = (Map<String, Object>) run.getOrDefault("parameters", Map.of());
        List<Map<String, Object>> observed = (List<Map<String, Object>>) run.getOrDefault("observed", List.of());
        String endings = observed.stream().map(e -> e.get("balance") + ": " + e.get("trials"))
                .collect(Collectors.joining(", "));
        List<String> order = List.of("FORBIDDEN", "INTERESTING", "EXPECTED");
        String grade = observed.stream().map(e -> string(e.get("grade"))).filter(Objects::nonNull)
                .min((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).orElse(null);
        String seen = observed.stream().map(e -> String.valueOf(e.get("balance"))).sorted()
                .collect(Collectors.joining(","));
        return new Cell(parameters.get("trials") + " trials", endings, seen, grade);
    }

    @SuppressWarnings("unchecked")
    private static String failure(Map<String, Object> run) {
        Map<String, Object> caller = (Map<String, Object>) run.getOrDefault("caller", Map.of());
        if ("threw".equals(caller.get("saw"))) {
            return "threw " + caller.get("exception"); // its cause is the subtask's, the same on every JDK
        }
        Collection<?> results = (Collection<?>) caller.getOrDefault("results", List.of());
        return results.isEmpty() ? "returned" : "returned " + results.iterator().next();
    }

    private static String ms(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.0f ms", n.doubleValue()) : "? ms";
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}

package dev.vtlab.report;

import dev.vtlab.lesson.Grade;
import dev.vtlab.report.Block.Bar;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Blank;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Gantt;
import dev.vtlab.report.Block.GanttRow;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.LaneStep;
import dev.vtlab.report.Block.Lanes;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Segment;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Story;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.TickSeries;
import dev.vtlab.report.Block.Ticks;
import dev.vtlab.report.Block.Tone;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages made by hand from blocks of every kind, shaped like the lessons' real output (taken from runs of
 * {@code ./vtlab counter}, {@code account --timeline}, {@code pinning} and {@code failure} on JDK 21): the HTML
 * tests render these, so the renderer is tested before and apart from the lessons' views.
 */
final class SamplePages {

    /** Strings a user or the JVM could hand the page, each one a way to break out of text or an attribute. */
    static final String HOSTILE = "<script>alert(1)</script> \"'><img src=x onerror=alert(2)> &amp; </style>"
            + " ]]> \u0007bell \u001b[31mred\u001b[0m \ud83e\uddf5 thread \ud800 lone";

    private static final Page.Machine MACHINE = new Page.Machine("21.0.5+11-LTS", "Eclipse Adoptium", 2);

    private SamplePages() {
    }

    /** Every sample page by name: one per lesson and tool, one of every block kind with hostile strings. */
    static Map<String, Page> all() {
        var pages = new java.util.LinkedHashMap<String, Page>();
        pages.put("counter", counter());
        pages.put("account", account());
        pages.put("pinning", pinning());
        pages.put("failure", failure());
        pages.put("bench", bench());
        pages.put("jfr", jfr());
        pages.put("hostile", hostile());
        pages.put("degenerate", degenerate());
        return pages;
    }

    static String html(Page page) {
        var text = new StringWriter();
        HtmlRenderer.write(new PrintWriter(text), page);
        return text.toString();
    }

    static Page counter() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "counter: no synchronisation"));
        blocks.add(Para.of(Tone.DIM, "2 tasks on virtual threads (one per task); delay 100 ms"));
        blocks.add(new Story(List.of("Testing update. Starting value is 0.", "task 1: starting update",
                "task 2: starting update", "task 1: finishing update", "task 2: finishing update",
                "Testing update. Ending value is 10.")));
        blocks.add(Para.of(Tone.BAD, "Expected 20 (2 x 10), got 10: a lost update."));
        blocks.add(Para.note("task 1 wrote 10, then task 2 overwrote it with 10: task 2 had read 0 before task 1's"
                + " write, so it never saw it."));
        blocks.add(new Lanes("Trial 1: each task's reads and writes (ms since the first step)",
                List.of("task 1", "task 2"), List.of(
                new LaneStep(0, "task 1", "start", "start", false),
                new LaneStep(0.021, "task 1", "read", "read 0", false),
                new LaneStep(0.034, "task 2", "start", "start", false),
                new LaneStep(0.052, "task 2", "read", "read 0", false),
                new LaneStep(100.43, "task 1", "write", "write 10", true),
                new LaneStep(100.47, "task 1", "finish", "finish", false),
                new LaneStep(100.61, "task 2", "write", "write 10", false),
                new LaneStep(100.66, "task 2", "finish", "finish", false)), true));
        blocks.add(new Para(List.of(new Span("INTERESTING", Tone.INTERESTING),
                Span.plain(": the race this lesson is about, a lost update. (270.9 ms)")), 0, 0));
        blocks.add(new Blank());
        blocks.add(new Heading(1, "counter: compare-and-set"));
        blocks.add(new Lanes("Trial 1 with --sync cas: a failed compare-and-set reads again", List.of("task 1",
                "task 2"), List.of(
                new LaneStep(0, "task 1", "read", "read 0", false),
                new LaneStep(0.01, "task 2", "read", "read 0", false),
                new LaneStep(100.2, "task 1", "write", "write 10", false),
                new LaneStep(100.3, "task 2", "retry", "CAS failed, saw 10", false),
                new LaneStep(100.31, "task 2", "read", "read 10", false),
                new LaneStep(200.5, "task 2", "write", "write 20", false)), false));
        blocks.add(new Para(List.of(new Span("EXPECTED", Tone.EXPECTED), Span.plain(": no update was lost.")), 0,
                0));
        blocks.add(new Heading(1, "counter: a ReentrantLock"));
        blocks.add(new Lanes("Trial 1 with --sync lock: task 2 waits for the lock", List.of("task 1", "task 2"),
                List.of(new LaneStep(0, "task 1", "read", "read 0", false),
                        new LaneStep(0.02, "task 2", "wait", "waits for task 1", false),
                        new LaneStep(100.1, "task 1", "write", "write 10", false),
                        new LaneStep(100.2, "task 2", "read", "read 10", false),
                        new LaneStep(200.3, "task 2", "write", "write 20", false)), false));
        blocks.add(new Heading(2, "Endings of 200 runs"));
        blocks.add(new Bars("Endings of 200 runs without a guard, beside the 6 interleavings", "runs", List.of(
                new Bar("20", "correct", 23, 200, 0.0765, 0.169, 2 / 6.0, Grade.EXPECTED),
                new Bar("10", "an update lost", 177, 200, 0.831, 0.924, 4 / 6.0, Grade.INTERESTING))));
        blocks.add(Para.of("Predicted, unsynchronised: of the 6 interleavings of 2 reads and 2 writes, 2 end at"
                + " 20, 4 end at 10."));
        return new Page(Page.SCHEMA, "counter", "A lost update, a compare-and-set and a lock",
                "./vtlab counter --sync none,cas,lock --threads virtual --delay 100ms", MACHINE, "INTERESTING",
                false, List.of(), null, blocks);
    }

    static Page account() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "== account: balance 100; deposit +50, withdrawal -150 =="));
        blocks.add(Para.of(Tone.DIM, "no synchronisation; virtual threads (one per task); 1000 trials, all at once;"
                + " delay 1 ms; jitter up to 1 ms"));
        blocks.add(new Story(List.of("starting with balance of 100", "deposit thread updating...",
                "withdrawal thread updating...", "deposit thread finishing...", "withdrawal thread finishing...",
                "ending balance of -50  (read after the with block, which waited)")));
        blocks.add(new Lanes("Timeline of trial 1 (ms since its first step)", List.of("deposit", "withdrawal"),
                List.of(new LaneStep(0, "deposit", "read", "read 100", false),
                        new LaneStep(0.714, "withdrawal", "read", "read 100", false),
                        new LaneStep(41.995, "deposit", "write", "write 150", true),
                        new LaneStep(42.85, "withdrawal", "write", "write -50", false)), true));
        blocks.add(Para.note("The last write decides the balance. Follow what each writer read back from it: a"
                + " write off that chain is lost."));
        blocks.add(new Bars("Observed in 1000 trials (759.2 ms), beside the 6 interleavings", "trials", List.of(
                new Bar("-50", "deposit lost", 500, 1000, 0.469, 0.531, 1 / 3.0, Grade.INTERESTING),
                new Bar("0", "correct", 0, 1000, 0, 0.0037, 1 / 3.0, Grade.EXPECTED),
                new Bar("150", "withdrawal lost", 500, 1000, 0.469, 0.531, 1 / 3.0, Grade.INTERESTING))));
        blocks.add(new Table(List.of(Column.right("balance"), Column.right("interleavings"), Column.right("share"),
                Column.left("observed"), Column.left("meaning")), List.of(
                Row.of(Tone.PLAIN, "-50", "2", "33.3%", "500 (50.0%)", "deposit lost"),
                Row.of(Tone.PLAIN, "0", "2", "33.3%", "-", "correct"),
                Row.of(Tone.PLAIN, "150", "2", "33.3%", "500 (50.0%)", "withdrawal lost")), true, 2));
        blocks.add(new Para(List.of(new Span("Race shown: 1000 of 1000 trials lost an update.", Tone.INTERESTING),
                Span.plain(" The ending depends on which write lands last; try --sync lock to see it fixed.")),
                0, 0));
        return new Page(Page.SCHEMA, "account", "A deposit and a withdrawal race for one balance",
                "./vtlab account --trials 1000 --timeline", MACHINE, "INTERESTING", false, List.of(), null, blocks);
    }

    static Page pinning() {
        List<Double> stalled = new ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            stalled.add(i * 10.0 + 0.3 * (i % 3));
        }
        for (double t = 705; t <= 822; t += 10.2) {
            stalled.add(t);
        }
        List<Double> steady = new ArrayList<>();
        for (int i = 0; i < 73; i++) {
            steady.add(i * 11.2 + (i == 30 ? 5.7 : 0));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "pinning: synchronized held while sleeping"));
        blocks.add(Para.of(Tone.DIM, "4 virtual-thread workers each hold it for 200 ms, on 2 carrier threads; a"
                + " heartbeat ticks every 10 ms"));
        blocks.add(new Para(List.of(new Span("INTERESTING", Tone.INTERESTING), Span.plain(": the heartbeat stalled"
                + " for 595.2 ms: every carrier was pinned by a worker.")), 0, 0));
        blocks.add(new Heading(1, "pinning: a ReentrantLock held while sleeping"));
        blocks.add(new Para(List.of(new Span("EXPECTED", Tone.EXPECTED), Span.plain(": the heartbeat kept"
                + " ticking.")), 0, 0));
        blocks.add(new Ticks("The heartbeat's ticks while 4 workers take the lock in turn", List.of(
                new TickSeries("synchronized", stalled, 2.1, 819.4, 595.2, 110.6, 4, 2, Grade.INTERESTING),
                new TickSeries("a ReentrantLock", steady, 1.8, 811.0, 5.7, 324.8, 4, 2, Grade.EXPECTED))));
        blocks.add(Para.of(Tone.BOLD, "What the lesson showed:"));
        blocks.add(new Table(List.of(Column.left("held while sleeping"), Column.right("worst delay"),
                Column.right("heartbeat"), Column.right("workers took")), List.of(
                Row.of(Tone.INTERESTING, "synchronized", "595.2 ms", "20 of ~81", "817.3 ms"),
                Row.of(Tone.EXPECTED, "a ReentrantLock", "5.7 ms", "73 of ~80", "809.2 ms")), true, 2));
        blocks.add(new Para(List.of(Span.plain("Inside synchronized a virtual thread cannot leave its carrier (JDK"
                + " 21): the sleeping owner pins one carrier and a worker blocked at the monitor pins the other, so"
                + " the heartbeat has nowhere to run for (workers - 1) x the hold.")), 2, 2));
        return new Page(Page.SCHEMA, "pinning", "synchronized pins the carrier; a ReentrantLock does not",
                "./vtlab pinning --workers 4 --hold 200ms", MACHINE, "INTERESTING", false, List.of(), null, blocks);
    }

    static Page failure() {
        List<Column> columns = List.of(Column.left("way"), Column.right("at ms"), Column.right("wasted"),
                Column.left("the caller saw, then the siblings"));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "failure: four ways to wait for three subtasks"));
        blocks.add(Para.of(Tone.DIM, "task 3 throws IllegalStateException after 50 ms; the others work 1000 ms;"
                + " ways 1 and 2 on virtual threads (one per task)"));
        blocks.add(new Table(columns, List.of(), true, 0));
        blocks.add(new Table(columns, List.of(new Row(List.of(Span.plain("1 submit, never get()"),
                Span.plain("1004"), Span.plain("1888"), Span.plain("success (the failure was lost)")),
                Tone.INTERESTING, "siblings ran to the end: 1003, 1003 ms")), false, 0));
        blocks.add(new Table(columns, List.of(new Row(List.of(Span.plain("2 Future.get() in order"),
                Span.plain("1003"), Span.plain("1900"), Span.plain("ExecutionException(IllegalStateException)")),
                Tone.INTERESTING, "siblings ran to the end: 1002, 1002 ms")), false, 0));
        blocks.add(new Table(columns, List.of(new Row(List.of(Span.plain("3 ShutdownOnFailure"), Span.plain("52"),
                Span.plain("1.0"), Span.plain("ExecutionException(IllegalStateException)")), Tone.EXPECTED,
                "siblings cancelled: 51, 52 ms")), false, 0));
        blocks.add(new Table(columns, List.of(new Row(List.of(Span.plain("4 ShutdownOnSuccess"), Span.plain("501"),
                Span.plain("450"), Span.plain("task 1's result (failure ignored)")), Tone.EXPECTED,
                "siblings #1: won 501, #2: cancelled 501 ms")), false, 0));
        blocks.add(new Gantt("The four ways: each subtask's bar ends in its fate", List.of(
                new GanttRow("1 submit, never get()", List.of(new Segment("task 1", 0.4, 1003, "completed"),
                        new Segment("task 2", 0.5, 1003, "completed"), new Segment("task 3", 0.5, 50.6, "failed")),
                        1004, "success (the failure was lost)", Grade.INTERESTING),
                new GanttRow("2 Future.get() in order", List.of(new Segment("task 1", 0.3, 1002, "completed"),
                        new Segment("task 2", 0.4, 1002, "completed"), new Segment("task 3", 0.4, 50.5, "failed")),
                        1003, "ExecutionException(IllegalStateException)", Grade.INTERESTING),
                new GanttRow("3 ShutdownOnFailure", List.of(new Segment("task 1", 0.2, 51, "cancelled"),
                        new Segment("task 2", 0.2, 52, "cancelled"), new Segment("task 3", 0.3, 50.4, "failed")),
                        52, "ExecutionException(IllegalStateException)", Grade.EXPECTED),
                new GanttRow("4 ShutdownOnSuccess", List.of(new Segment("task 1", 0.2, 501, "completed"),
                        new Segment("task 2", 0.2, 501, "cancelled"), new Segment("task 3", 0.2, 50.3, "failed")),
                        501, "task 1's result (failure ignored)", Grade.EXPECTED))));
        blocks.add(Para.of(Tone.BOLD, "What the lesson showed:"));
        blocks.add(new Para(List.of(Span.plain("1 "), new Span("INTERESTING", Tone.INTERESTING), Span.plain(
                " task 3 threw IllegalStateException (\"task 3 failed on purpose after 50 ms\"), and the caller"
                        + " never knew: it returned normally at 1004 ms.")), 2, 16));
        blocks.add(new Para(List.of(Span.plain("3 "), new Span("EXPECTED", Tone.EXPECTED), Span.plain(
                " join() returned and throwIfFailed() threw at 52 ms; its cause is the very exception task 3"
                        + " threw.")), 2, 16));
        return new Page(Page.SCHEMA, "failure", "Four ways to wait for three subtasks, one of which fails",
                "./vtlab failure --fail 3 --after 50ms --work 1s", MACHINE, "INTERESTING", false, List.of(), null,
                blocks);
    }

    static Page bench() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "bench locks: one lock operation under contention"));
        blocks.add(new Heading(2, "## locks"));
        blocks.add(Para.of(Tone.DIM, "each row in its own JVM; 5 iterations of 1 s after 3 of warm-up"));
        blocks.add(new Table(List.of(Column.left("guard"), Column.left("threads"), Column.right("ns/op"),
                Column.right("\u00b1 99.9%")), List.of(
                Row.of(Tone.PLAIN, "synchronized", "platform", "21.4", "0.8"),
                Row.of(Tone.PLAIN, "ReentrantLock", "platform", "25.1", "1.1"),
                Row.of(Tone.PLAIN, "CAS", "virtual", "9.7", "0.2")), true, 0));
        return new Page(Page.SCHEMA, "bench", "The cost of one lock operation", "./vtlab bench locks --quick",
                MACHINE, null, false, List.of(), null, blocks);
    }

    static Page jfr() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "jfr: recordings/pinning.jfr"));
        blocks.add(new Heading(2, "The lesson's waits"));
        blocks.add(new Table(List.of(Column.right("count"), Column.right("total"),
                Column.left("where (the first frame outside the JDK)")), List.of(new Row(List.of(Span.plain("3"),
                Span.plain("597.1 ms"), Span.plain("")), Tone.PLAIN, "at dev.vtlab.lesson.PinningLesson$Guard$1"
                + ".hold(PinningLesson.java:201)\nby pinning-worker-1, pinning-worker-2, pinning-worker-3")), true,
                2));
        blocks.add(new Heading(2, "vtlab's own events"));
        blocks.add(new Table(List.of(Column.left("lesson"), Column.left("grade"), Column.right("took")), List.of(
                new Row(List.of(Span.plain("pinning"), new Span("INTERESTING", Tone.INTERESTING),
                        Span.plain("612.0 ms")), Tone.PLAIN, "--lock synchronized --workers 3 --hold 200ms"
                        + " -> stalled: worst delay 401.3 ms"),
                new Row(List.of(Span.plain("pinning"), new Span("EXPECTED", Tone.EXPECTED),
                        Span.plain("605.2 ms")), Tone.PLAIN, "--lock lock --workers 3 --hold 200ms -> kept ticking:"
                        + " worst delay 4.1 ms")), false, 2));
        return new Page(Page.SCHEMA, "jfr", "What a recording of the pinning lesson shows",
                "./vtlab jfr recordings/pinning.jfr", MACHINE, null, false, List.of(), null, blocks);
    }

    /** Every block kind, every tone, and a hostile string in every text the page shows. */
    static Page hostile() {
        String h = HOSTILE;
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, h));
        blocks.add(new Heading(2, h));
        blocks.add(new Heading(3, h));
        List<Span> spans = new ArrayList<>();
        for (Tone tone : Tone.values()) {
            spans.add(new Span(tone.name() + " " + h + " ", tone));
        }
        blocks.add(new Para(spans, 0, 0));
        blocks.add(new Para(List.of(Span.plain(h)), 4, 8));
        blocks.add(new Blank());
        blocks.add(new Table(List.of(Column.left(h), Column.right("n")), List.of(
                new Row(List.of(new Span(h, Tone.FORBIDDEN), Span.plain("1")), Tone.FORBIDDEN, h)), true, 1));
        blocks.add(new Bars(h, h, List.of(new Bar(h, h, 3, 10, 0.1, 0.6, 0.5, Grade.FORBIDDEN),
                new Bar("ok", null, 7, 10, 0.4, 0.9, -1, Grade.EXPECTED))));
        blocks.add(new Lanes(h, List.of(h, "b"), List.of(new LaneStep(0, h, "read", h, false),
                new LaneStep(1, "b", h, h, true), new LaneStep(2, h, "write", h, true)), true));
        blocks.add(new Ticks(h, List.of(new TickSeries(h, List.of(0.0, 10.0, 50.0), 0, 50, 30, 10, 2, 1,
                Grade.FORBIDDEN))));
        blocks.add(new Gantt(h, List.of(new GanttRow(h, List.of(new Segment(h, 0, 5, h)), 5, h, Grade.FORBIDDEN))));
        blocks.add(new Story(List.of(h, h)));
        return new Page(Page.SCHEMA, h, h, "./vtlab counter --sync " + h, new Page.Machine(h, h, 1), "FORBIDDEN",
                true, List.of(), null, blocks);
    }

    /** Pictures with nothing, or everything at one instant: no bar has a length and no axis a span. */
    static Page degenerate() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Bars("no trials", "", List.of(new Bar("0", "", 0, 0, 0, 0, 0, Grade.EXPECTED))));
        blocks.add(new Lanes("one step", List.of("t"), List.of(new LaneStep(0, "t", "read", "read 0", false)), true));
        blocks.add(new Lanes("no steps", List.of(), List.of(), true));
        blocks.add(new Ticks("no ticks", List.of(new TickSeries("s", List.of(), 0, 0, 0, 0, 0, 0, Grade.EXPECTED))));
        blocks.add(new Gantt("all at once", List.of(new GanttRow("w", List.of(new Segment("t", 0, 0, "not started")),
                0, "", Grade.EXPECTED))));
        blocks.add(new Table(List.of(), List.of(), false, 0));
        blocks.add(new Story(List.of()));
        return new Page(Page.SCHEMA, "counter", "Nothing to draw", "./vtlab counter", MACHINE, "EXPECTED", false,
                List.of(), null, blocks);
    }
}

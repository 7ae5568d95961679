package dev.vtlab.report;

import dev.vtlab.jfr.RecordingSummary;
import dev.vtlab.jfr.RecordingSummary.Contention;
import dev.vtlab.jfr.RecordingSummary.Lab;
import dev.vtlab.jfr.RecordingSummary.Machinery;
import dev.vtlab.jfr.RecordingSummary.PinningTrial;
import dev.vtlab.jfr.RecordingSummary.Run;
import dev.vtlab.jfr.RecordingSummary.Site;
import dev.vtlab.report.Block.Bar;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Blank;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.lesson.Grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.vtlab.report.Millis.json;

/**
 * {@code vtlab jfr FILE}'s view: pinning, the lesson's lock contention, then briefly the machinery's (the JDK's,
 * Flight Recorder's, the lab's own), and the lab's own events, each with what it means. Its data is the same
 * figures, times in milliseconds.
 */
public final class JfrView {

    /** Rows shown per table in text and HTML; the data keeps them all. */
    private static final int ROWS = 10;
    /** Thread names shown per pinning site; the rest are counted. */
    private static final int NAMES = 8;
    private static final String LOCKS = "java.util.concurrent.locks.";

    private JfrView() {
    }

    // ---- data, for JSON --------------------------------------------------------------------------------------

    /** The one run of {@code vtlab jfr}: the file's summary. */
    record RunData(String file, long events, double spanMs, PinnedData pinned, List<ContentionData> monitors,
                   List<ContentionData> locks, List<MachineryData> machinery, LabData lab) {
    }

    record PinnedData(long count, double totalMs, double longestMs, List<SiteData> sites) {
    }

    /** {@code reasons}, {@code blockingOperations} and {@code carriers}: JDK 24 and later; empty before. */
    record SiteData(String frame, long count, double totalMs, List<String> threads, Map<String, Long> reasons,
                    Map<String, Long> blockingOperations, List<String> carriers) {
    }

    record ContentionData(String lockClass, String site, long count, double totalMs) {
    }

    record MachineryData(String taker, String lockClass, long count, double totalMs) {
    }

    record LabData(List<RunEvent> runs, long taskUpdates, long overwritten, long accountTrials,
                   Map<Long, Long> endingBalances, Map<String, Long> accountGrades,
                   List<PinningTrialData> pinningTrials) {
    }

    record RunEvent(String lesson, String setup, String outcome, String grade, double durationMs) {
    }

    record PinningTrialData(String lock, long workers, long carriers, double worstDelayMs, long ticks,
                            double workersTotalMs) {
    }

    /** The page of one recording's summary. */
    public static Page page(String file, String command, RecordingSummary s) {
        Duration span = s.first() == null ? Duration.ZERO : Duration.between(s.first(), s.last());
        var p = s.pinned();
        var data = new RunData(file, s.events(), json(span),
                new PinnedData(p.count(), json(p.total()), json(p.longest()), p.sites().stream()
                        .map(x -> new SiteData(x.frame(), x.count(), json(x.total()), x.threads(),
                                x.reasons(), x.blockingOperations(), x.carriers())).toList()),
                contention(s.monitors()), contention(s.locks()),
                s.machinery().stream().map(m -> new MachineryData(m.taker(), m.lockClass(), m.count(),
                        json(m.total()))).toList(),
                new LabData(s.lab().runs().stream().map(r -> new RunEvent(r.lesson(), r.setup(), r.outcome(),
                        r.grade(), json(r.duration()))).toList(), s.lab().taskUpdates(), s.lab().overwritten(),
                        s.lab().accountTrials(), s.lab().endingBalances(), s.lab().accountGrades(),
                        s.lab().pinningTrials().stream().map(t -> new PinningTrialData(t.lock(), t.workers(),
                                t.carriers(), json(t.worstDelay()), t.ticks(), json(t.workersTotal()))).toList()));
        return new Page(Page.SCHEMA, "jfr", "Flight Recorder summary: " + file, command, Page.Machine.current(), null,
                false, List.of(data), null, blocks(file, s, span));
    }

    private static List<ContentionData> contention(List<Contention> rows) {
        return rows.stream().map(c -> new ContentionData(c.lockClass(), c.site(), c.count(), json(c.total())))
                .toList();
    }

    // ---- blocks, for text and HTML ----------------------------------------------------------------------------

    private static List<Block> blocks(String file, RecordingSummary s, Duration span) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "== " + file + " =="));
        blocks.add(Para.of(String.format(Locale.ROOT, "%,d events over %s", s.events(), Millis.of(span))));
        blocks.add(new Blank());
        pinned(blocks, s.pinned());
        blocks.add(new Heading(2, "The lesson's lock contention: its shared state and guards"));
        contention(blocks, "Monitors (synchronized), jdk.JavaMonitorEnter", s.monitors(),
                "no thread waited to enter one of the lesson's monitors for longer than the recording's"
                        + " threshold.");
        contention(blocks, "java.util.concurrent locks, rebuilt from jdk.ThreadPark", s.locks(),
                "none recorded. JDK 21 records no jdk.ThreadPark for a virtual thread that unmounts to wait for"
                        + " a ReentrantLock; platform threads' waits show here.");
        machinery(blocks, s);
        lab(blocks, s.lab());
        return blocks;
    }

    private static void pinned(List<Block> blocks, RecordingSummary.Pinned p) {
        blocks.add(new Heading(2, "Pinned virtual threads, jdk.VirtualThreadPinned"));
        if (p.count() == 0) {
            blocks.add(new Para(List.of(Span.plain("none: no virtual thread blocked while pinned to its carrier"
                    + " (longer than the threshold).")), 2, 4));
            blocks.add(new Blank());
            return;
        }
        blocks.add(new Para(List.of(Span.plain(String.format(Locale.ROOT, "%d pinned, %s in all, longest %s",
                p.count(), Millis.of(p.total()), Millis.of(p.longest())))), 2, 4));
        List<Row> rows = new ArrayList<>();
        for (Site site : p.sites().subList(0, Math.min(ROWS, p.sites().size()))) {
            rows.add(new Row(List.of(Span.plain(Long.toString(site.count())), Span.plain(Millis.of(site.total())),
                    Span.plain("")), Tone.PLAIN, "at " + site.frame()
                    + (site.threads().isEmpty() ? "" : "\nby " + names(site.threads()))
                    // JDK 24 and later: the event says why, in what blocking call, and which carrier it held.
                    + site.reasons().entrySet().stream().map(e -> "\nwhy: " + e.getKey()
                            + times(e.getValue(), site.count())).collect(Collectors.joining())
                    + site.blockingOperations().entrySet().stream().map(e -> "\nblocked in " + e.getKey()
                            + times(e.getValue(), site.count())).collect(Collectors.joining())
                    + (site.carriers().isEmpty() ? "" : "\ncarrier " + names(site.carriers()))));
        }
        blocks.add(new Table(List.of(Column.right("count"), Column.right("total"),
                Column.left("where (the first frame outside the JDK)")), rows, true, 2));
        more(blocks, p.sites().size());
        blocks.add(new Para(List.of(Span.plain("A pinned virtual thread blocks its carrier: in JDK 21, blocking"
                + " inside synchronized or a native frame; since JDK 24 (JEP 491) no longer synchronized, but still a"
                + " class initializer or a native frame. Use a ReentrantLock around blocking calls, keep them out of"
                + " static initializers.")), 2, 4));
        blocks.add(new Blank());
    }

    /** " (3 times)" when a site's events differ in this field, nothing when all {@code of} agree. */
    private static String times(long n, long of) {
        return n == of ? "" : " (" + n + (n == 1 ? " time)" : " times)");
    }

    /** The first few names, then how many more: a run of 10,000 tasks pins 10,000 threads. */
    private static String names(List<String> threads) {
        int shown = Math.min(NAMES, threads.size());
        String first = String.join(", ", threads.subList(0, shown));
        return shown == threads.size() ? first : first + " and " + (threads.size() - shown) + " more";
    }

    private static void contention(List<Block> blocks, String title, List<Contention> rows, String none) {
        blocks.add(Para.of("  " + title));
        if (rows.isEmpty()) {
            blocks.add(new Para(List.of(Span.plain(none)), 4, 6));
            blocks.add(new Blank());
            return;
        }
        List<Row> table = rows.subList(0, Math.min(ROWS, rows.size())).stream()
                .map(c -> new Row(List.of(Span.plain(Long.toString(c.count())), Span.plain(Millis.of(c.total())),
                        Span.plain(brief(c.lockClass()))), Tone.PLAIN, "at " + c.site())).toList();
        blocks.add(new Table(List.of(Column.right("count"), Column.right("blocked"),
                Column.left("lock class, then where it was taken")), table, true, 2));
        more(blocks, rows.size());
        blocks.add(new Blank());
    }

    private static void machinery(List<Block> blocks, RecordingSummary s) {
        List<Machinery> rows = s.machinery();
        blocks.add(new Heading(2, "Not the lesson's: the machinery's locks"));
        blocks.add(new Para(List.of(new Span("The JDK's, Flight Recorder's and the lab's own, by the class whose code"
                + " took the lock.", Tone.DIM)), 2, 4));
        if (rows.isEmpty()) {
            blocks.add(Para.of("  none."));
            blocks.add(new Blank());
            return;
        }
        blocks.add(Para.of(String.format(Locale.ROOT, "  %d %s, %s in all:", s.machineryWaits(),
                s.machineryWaits() == 1 ? "wait" : "waits", Millis.of(s.machineryTotal()))));
        List<Row> table = rows.subList(0, Math.min(ROWS, rows.size())).stream()
                .map(m -> new Row(List.of(Span.plain(Long.toString(m.count())), Span.plain(Millis.of(m.total())),
                        Span.plain(shortClass(m.taker()))), Tone.PLAIN, "on " + lock(m.lockClass()))).toList();
        blocks.add(new Table(List.of(Column.right("count"), Column.right("blocked"), Column.left("taken by")),
                table, false, 2));
        more(blocks, rows.size());
        blocks.add(new Blank());
    }

    /**
     * {@code ReentrantLock$NonfairSync}, or {@code monitor of java.lang.Object}. An {@code int[]} monitor is, in
     * JDK 21, the JVM's lock for initializing a class (see RecordingSummary): said so, since {@code [I} means nothing
     * to a reader.
     */
    private static String lock(String lockClass) {
        if (lockClass.equals("[I")) {
            return "class initialization (monitor of int[])";
        }
        return lockClass.startsWith(LOCKS) ? brief(lockClass) : "monitor of " + lockClass;
    }

    /** A lock's class without {@code java.util.concurrent.locks.}, which its table's title already says. */
    /** The longest class name the machinery's "taken by" column prints whole; the table then fits 80 columns. */
    static final int TAKER_WIDTH = 56;

    /**
     * A class name that fits {@link #TAKER_WIDTH}: whole if it does, else with its packages cut to their first
     * letters, as logging tools abbreviate them ({@code j.u.c.ScheduledThreadPoolExecutor$DelayedWorkQueue}).
     */
    static String shortClass(String name) {
        if (name.length() <= TAKER_WIDTH) {
            return name;
        }
        int simple = name.lastIndexOf('.');
        if (simple < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.substring(0, simple).split("\\.")) {
            out.append(part, 0, Math.min(1, part.length())).append('.');
        }
        return out.append(name.substring(simple + 1)).toString();
    }

    private static String brief(String lockClass) {
        return lockClass.startsWith(LOCKS) ? lockClass.substring(LOCKS.length()) : lockClass;
    }

    private static void lab(List<Block> blocks, Lab lab) {
        blocks.add(new Heading(2, "vtlab's own events"));
        if (lab.runs().isEmpty() && lab.taskUpdates() == 0 && lab.accountTrials() == 0
                && lab.pinningTrials().isEmpty()) {
            blocks.add(Para.of("  none: this recording was not made by './vtlab LESSON --jfr'."));
            return;
        }
        if (!lab.runs().isEmpty()) {
            List<Row> rows = lab.runs().stream().map(r -> new Row(List.of(Span.plain(r.lesson()),
                    new Span(r.grade(), tone(r.grade())), Span.plain(Millis.of(r.duration()))), Tone.PLAIN,
                    r.setup() + " -> " + r.outcome())).toList();
            blocks.add(new Table(List.of(Column.left("lesson"), Column.left("grade"), Column.right("took")), rows,
                    false, 2));
        }
        if (lab.taskUpdates() > 0) {
            blocks.add(new Para(List.of(Span.plain(String.format(Locale.ROOT, "task updates: %d, of which %d"
                    + " overwritten by a writer that never saw them (lost updates)", lab.taskUpdates(),
                    lab.overwritten()))), 2, 4));
        }
        if (lab.accountTrials() > 0) {
            blocks.add(Para.of(String.format(Locale.ROOT, "  account trials: %d; by grade %s; by ending balance:",
                    lab.accountTrials(), lab.accountGrades())));
            List<Bar> bars = new ArrayList<>();
            lab.endingBalances().forEach((balance, count) -> bars.add(new Bar(Long.toString(balance), "", count,
                    lab.accountTrials(), -1, -1, -1, Grade.EXPECTED)));
            blocks.add(new Bars("Account trials by ending balance", "trials", bars));
        }
        for (PinningTrial t : lab.pinningTrials()) {
            blocks.add(new Para(List.of(Span.plain(String.format(Locale.ROOT, "pinning trial: %s, %d workers on %d"
                    + " carriers: heartbeat worst delay %s, %d ticks; workers %s", t.lock(), t.workers(),
                    t.carriers(), Millis.of(t.worstDelay()), t.ticks(), Millis.of(t.workersTotal())))), 2, 4));
        }
    }

    private static Tone tone(String grade) {
        return switch (grade) {
            case "EXPECTED" -> Tone.EXPECTED;
            case "INTERESTING" -> Tone.INTERESTING;
            case "FORBIDDEN" -> Tone.FORBIDDEN;
            default -> Tone.PLAIN;
        };
    }

    private static void more(List<Block> blocks, int size) {
        if (size > ROWS) {
            blocks.add(Para.of("  ... and " + (size - ROWS) + " more"));
        }
    }
}

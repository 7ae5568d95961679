package dev.vtlab.report;

import dev.vtlab.jfr.RecordingSummary;
import dev.vtlab.jfr.RecordingSummary.Contention;
import dev.vtlab.jfr.RecordingSummary.Lab;
import dev.vtlab.jfr.RecordingSummary.Machinery;
import dev.vtlab.jfr.RecordingSummary.PinningTrial;
import dev.vtlab.jfr.RecordingSummary.Run;
import dev.vtlab.jfr.RecordingSummary.Site;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code vtlab jfr FILE}: pinning, the lesson's lock contention, then briefly the machinery's (the JDK's,
 * Flight Recorder's, the lab's own), and the lab's own events, each with what it means.
 */
public final class JfrReport {

    /** Rows shown per table; the rest are counted in one line. */
    private static final int ROWS = 10;

    /** Thread names shown per pinning site; the rest are counted. */
    private static final int NAMES = 8;

    private static final String LOCKS = "java.util.concurrent.locks.";

    private final PrintWriter out;
    private final Style style;

    public JfrReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void render(String file, RecordingSummary s) {
        out.println(style.bold("== " + file + " =="));
        Duration span = s.first() == null ? Duration.ZERO : Duration.between(s.first(), s.last());
        out.printf(Locale.ROOT, "%,d events over %s%n%n", s.events(), Millis.of(span));
        pinned(s.pinned());
        out.println(style.bold("The lesson's lock contention: its shared state and guards"));
        contention("Monitors (synchronized), jdk.JavaMonitorEnter", s.monitors(),
                "no thread waited to enter one of the lesson's monitors for longer than the recording's"
                        + " threshold.");
        contention("java.util.concurrent locks, rebuilt from jdk.ThreadPark", s.locks(),
                "none recorded. JDK 21 records no jdk.ThreadPark for a virtual thread that unmounts to wait for"
                        + " a ReentrantLock; platform threads' waits show here.");
        machinery(s);
        lab(s.lab());
        out.flush();
    }

    private void pinned(RecordingSummary.Pinned p) {
        out.println(style.bold("Pinned virtual threads, jdk.VirtualThreadPinned"));
        if (p.count() == 0) {
            out.println("  none: no virtual thread blocked while pinned to its carrier (longer than the threshold).");
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %d pinned, %s in all, longest %s%n", p.count(), Millis.of(p.total()),
                Millis.of(p.longest()));
        out.printf(Locale.ROOT, "  %8s %12s  %s%n", "count", "total", "where (first frame outside the JDK), by whom");
        for (Site site : p.sites().subList(0, Math.min(ROWS, p.sites().size()))) {
            out.printf(Locale.ROOT, "  %8d %12s  %s%n", site.count(), Millis.of(site.total()), site.frame());
            if (!site.threads().isEmpty()) {
                out.printf(Locale.ROOT, "  %8s %12s    by %s%n", "", "", names(site.threads()));
            }
        }
        more(p.sites().size());
        out.println("  A pinned virtual thread blocks its carrier: in JDK 21, blocking inside synchronized or a"
                + " native");
        out.println("  frame. Use a ReentrantLock around blocking calls (or JDK 24+, JEP 491).");
        out.println();
    }

    /** The first few names, then how many more: a run of 10,000 tasks pins 10,000 threads. */
    private static String names(List<String> threads) {
        int shown = Math.min(NAMES, threads.size());
        String first = String.join(", ", threads.subList(0, shown));
        return shown == threads.size() ? first : first + " and " + (threads.size() - shown) + " more";
    }

    private void contention(String title, List<Contention> rows, String none) {
        out.println("  " + title);
        if (rows.isEmpty()) {
            out.println("    " + none);
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %8s %12s  %-45s %s%n", "count", "blocked", "lock class", "site");
        for (Contention c : rows.subList(0, Math.min(ROWS, rows.size()))) {
            out.printf(Locale.ROOT, "  %8d %12s  %-45s %s%n", c.count(), Millis.of(c.total()),
                    brief(c.lockClass()), c.site());
        }
        more(rows.size());
        out.println();
    }

    private void machinery(RecordingSummary s) {
        List<Machinery> rows = s.machinery();
        out.println(style.bold("Not the lesson's: the machinery's locks (the JDK's, Flight Recorder's,"
                + " the lab's own)"));
        if (rows.isEmpty()) {
            out.println("  none.");
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %d %s, %s in all, by the class whose code took the lock:%n", s.machineryWaits(),
                s.machineryWaits() == 1 ? "wait" : "waits", Millis.of(s.machineryTotal()));
        for (Machinery m : rows.subList(0, Math.min(ROWS, rows.size()))) {
            out.printf(Locale.ROOT, "  %8d %12s  %-56s %s%n", m.count(), Millis.of(m.total()), m.taker(),
                    lock(m.lockClass()));
        }
        more(rows.size());
        out.println();
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
    private static String brief(String lockClass) {
        return lockClass.startsWith(LOCKS) ? lockClass.substring(LOCKS.length()) : lockClass;
    }

    private void lab(Lab lab) {
        out.println(style.bold("vtlab's own events"));
        if (lab.runs().isEmpty() && lab.taskUpdates() == 0 && lab.accountTrials() == 0
                && lab.pinningTrials().isEmpty()) {
            out.println("  none: this recording was not made by 'vtlab LESSON --jfr'.");
            return;
        }
        for (Run r : lab.runs()) {
            out.printf(Locale.ROOT, "  %-8s %-11s %10s  %s -> %s%n", r.lesson(), r.grade(), Millis.of(r.duration()),
                    r.setup(), r.outcome());
        }
        if (lab.taskUpdates() > 0) {
            out.printf(Locale.ROOT, "  task updates: %d, of which %d overwritten by a writer that never saw them"
                    + " (lost updates)%n", lab.taskUpdates(), lab.overwritten());
        }
        if (lab.accountTrials() > 0) {
            out.printf(Locale.ROOT, "  account trials: %d; by grade %s%n", lab.accountTrials(), lab.accountGrades());
            out.printf(Locale.ROOT, "  %14s %8s%n", "ending balance", "trials");
            long most = lab.endingBalances().values().stream().mapToLong(Long::longValue).max().orElse(1);
            for (Map.Entry<Long, Long> e : lab.endingBalances().entrySet()) {
                int bar = (int) Math.max(1, Math.round(40.0 * e.getValue() / most));
                out.printf(Locale.ROOT, "  %14d %8d %s%n", e.getKey(), e.getValue(), "#".repeat(bar));
            }
        }
        for (PinningTrial t : lab.pinningTrials()) {
            out.printf(Locale.ROOT, "  pinning trial: %-12s %d workers on %d carriers: heartbeat worst delay %s,"
                    + " %d ticks; workers %s%n", t.lock(), t.workers(), t.carriers(), Millis.of(t.worstDelay()),
                    t.ticks(), Millis.of(t.workersTotal()));
        }
    }

    private void more(int size) {
        if (size > ROWS) {
            out.println("  ... and " + (size - ROWS) + " more");
        }
    }
}

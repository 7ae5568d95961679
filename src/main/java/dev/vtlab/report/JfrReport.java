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
            say("  ", "none: no virtual thread blocked while pinned to its carrier (longer than the threshold).");
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %d pinned, %s in all, longest %s%n", p.count(), Millis.of(p.total()),
                Millis.of(p.longest()));
        out.printf(Locale.ROOT, "  %8s %12s  %s%n", "count", "total", "where (the first frame outside the JDK)");
        for (Site site : p.sites().subList(0, Math.min(ROWS, p.sites().size()))) {
            out.printf(Locale.ROOT, "  %8d %12s%n", site.count(), Millis.of(site.total()));
            say(AT, "at " + site.frame());
            if (!site.threads().isEmpty()) {
                say(AT, "by " + names(site.threads()));
            }
            // JDK 24 and later: the event says why, in what blocking call, and which carrier it held.
            site.reasons().forEach((reason, n) -> say(AT, "why: " + reason + times(n, site.count())));
            site.blockingOperations().forEach((op, n) -> say(AT, "blocked in " + op + times(n, site.count())));
            if (!site.carriers().isEmpty()) {
                say(AT, "carrier " + names(site.carriers()));
            }
        }
        more(p.sites().size());
        say("  ", "A pinned virtual thread blocks its carrier: in JDK 21, blocking inside synchronized or a native"
                + " frame; since JDK 24 (JEP 491) no longer synchronized, but still a class initializer or a native"
                + " frame. Use a ReentrantLock around blocking calls, keep them out of static initializers.");
        out.println();
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

    private void contention(String title, List<Contention> rows, String none) {
        out.println("  " + title);
        if (rows.isEmpty()) {
            say("    ", none);
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %8s %12s  %s%n", "count", "blocked", "lock class, then where it was taken");
        for (Contention c : rows.subList(0, Math.min(ROWS, rows.size()))) {
            out.printf(Locale.ROOT, "  %8d %12s  %s%n", c.count(), Millis.of(c.total()), brief(c.lockClass()));
            say(AT, "at " + c.site());
        }
        more(rows.size());
        out.println();
    }

    private void machinery(RecordingSummary s) {
        List<Machinery> rows = s.machinery();
        out.println(style.bold("Not the lesson's: the machinery's locks"));
        say("  ", style.dim("The JDK's, Flight Recorder's and the lab's own, by the class whose code took the"
                + " lock."));
        if (rows.isEmpty()) {
            out.println("  none.");
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "  %d %s, %s in all:%n", s.machineryWaits(),
                s.machineryWaits() == 1 ? "wait" : "waits", Millis.of(s.machineryTotal()));
        for (Machinery m : rows.subList(0, Math.min(ROWS, rows.size()))) {
            out.printf(Locale.ROOT, "  %8d %12s  %s%n", m.count(), Millis.of(m.total()), m.taker());
            say(AT, "on " + lock(m.lockClass()));
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
            out.println("  none: this recording was not made by './vtlab LESSON --jfr'.");
            return;
        }
        for (Run r : lab.runs()) {
            out.printf(Locale.ROOT, "  %-8s %-11s %10s%n", r.lesson(), r.grade(), Millis.of(r.duration()));
            say("    ", r.setup() + " -> " + r.outcome());
        }
        if (lab.taskUpdates() > 0) {
            say("  ", String.format(Locale.ROOT, "task updates: %d, of which %d overwritten by a writer that never"
                    + " saw them (lost updates)", lab.taskUpdates(), lab.overwritten()));
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
            say("  ", String.format(Locale.ROOT, "pinning trial: %s, %d workers on %d carriers: heartbeat worst"
                    + " delay %s, %d ticks; workers %s", t.lock(), t.workers(), t.carriers(),
                    Millis.of(t.worstDelay()), t.ticks(), Millis.of(t.workersTotal())));
        }
    }

    /** Where a row's site, lock or names go: under its figures, indented. */
    private static final String AT = "      ";

    /** A paragraph starting at {@code indent}, wrapped to 80 columns with its later lines indented two more. */
    private void say(String indent, String text) {
        Text.wrap(text, indent, indent + "  ").forEach(out::println);
    }

    private void more(int size) {
        if (size > ROWS) {
            out.println("  ... and " + (size - ROWS) + " more");
        }
    }
}

package dev.vtlab.cli;

import dev.vtlab.lesson.DurationFormat;
import dev.vtlab.lesson.Estimate;
import dev.vtlab.report.Text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live progress line of a long run, on stderr:
 * <pre>
 *     account: 423 of 1,000 trials (42%), 61 trials/s, 9 s left
 * </pre>
 * Redrawn in place (a carriage return, then the line) at most every {@link #REDRAW}, always narrower than 80
 * columns, and erased before any other line is printed and when the run ends, so it never stays in the scrollback
 * or cuts into a line of the result. It shows only when stderr is an interactive terminal ({@link Mode#detect}),
 * and only for a run expected to take {@link #QUIET} or more, or one that has taken that long. Piped, or with
 * {@code NO_COLOR} or {@code TERM=dumb}, a run that took that long leaves one final line instead, and nothing else:
 * <pre>
 *     account: 7,866 of 20,000 trials in 8.57 s (918 trials/s)
 * </pre>
 *
 * <p>Not a library: me.tongfei:progressbar (0.10) was the candidate, and it does not fit. It draws from a thread of
 * its own on the wall clock, so its throttling cannot be tested with a fake clock; it cannot erase itself before a
 * line another thread prints (the lessons' stories are printed from their tasks' threads); and it measures the
 * terminal through JLine, a second terminal library kept in static state, where the lab lays out for 80 columns.
 *
 * <p><b>Other lines.</b> Lines printed while the line is shown go through {@link #around}: each write first erases
 * the line, and no line is drawn while another is half written (its text out, its line break not yet), so a
 * redraw cannot land in the middle of a line of the story.
 *
 * <p><b>Memory visibility.</b> All state is guarded by this object's monitor: the poller's redraws, the writes of
 * other lines (from any thread) and the runner's {@link #begin} and {@link #end} take it.
 */
final class ProgressLine {

    /** How the line shows. */
    enum Mode {
        /** stderr is an interactive terminal: the line is redrawn in place and erased at the end. */
        LIVE,
        /**
         * Test-only ({@code -Dvtlab.test.progress=lines}): every redraw is a line of its own, from the start of the
         * run, so a test reading a pipe can wait until so many units are done.
         */
        LINES,
        /**
         * Piped or redirected, {@code NO_COLOR}, or {@code TERM=dumb}: no live line, only a final one when a run
         * that took {@link #QUIET} or more ends (a log then says how far a long run got, and how fast).
         */
        FINAL,
        /** Nothing at all: the in-process tests' command line, whose stderr they compare whole. */
        OFF;

        /** The test-only system property that selects {@link #LINES}. */
        static final String TEST_PROPERTY = "vtlab.test.progress";

        /**
         * LIVE only on a terminal that is not dumb and without {@code NO_COLOR}: the rule of the colours
         * ({@code Style.detect}), applied to stderr, where the line goes.
         */
        static Mode detect(Map<String, String> env, boolean stderrIsTerminal) {
            if ("lines".equals(System.getProperty(TEST_PROPERTY))) {
                return LINES;
            }
            String noColor = env.get("NO_COLOR");
            boolean refused = (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
            return stderrIsTerminal && !refused ? LIVE : FINAL;
        }

        /**
         * Whether stderr is a terminal. JDK 21 has no call for it ({@code System.console()} asks about stdin and
         * stdout), so on Linux it reads where file descriptor 2 points ({@code /dev/pts/N}, {@code /dev/ttyN});
         * elsewhere it takes the console's answer, which is right whenever all three go to the same place.
         */
        static boolean stderrIsTerminal() {
            Path fd2 = Path.of("/proc/self/fd/2");
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
                return System.console() != null;
            }
        }
    }

    /** The fastest redraw: five times a second. */
    static final Duration REDRAW = Duration.ofMillis(200);

    /** A run expected to end sooner shows no line, unless it lasts this long after all. */
    static final Duration QUIET = Duration.ofSeconds(1);

    /**
     * ANSI's "erase in line" from the cursor to the end: it also clears what the terminal itself wrote after the
     * line, such as the {@code ^C} it echoes. Every terminal that is not dumb knows it, and LIVE needs one.
     */
    static final String ERASE_TO_END = "\u001b[K";

    /** One column short of the terminal's 80: a line that fills the last column makes some terminals wrap. */
    static final int WIDTH = Text.WIDTH - 1;

    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier nanoClock;

    // All guarded by this.
    private String label = "";
    private Estimate estimate = Estimate.NONE;
    private long startNanos;
    private long idleUntil;           // the clock at the last update that found nothing done: the rate counts from it
    private long drawnAt;             // the clock when the line was last drawn
    private boolean running;          // between begin() and end()
    private String shown = "";        // what the terminal shows of the line now ("" when erased)
    private boolean midLine;          // another line is half written: no redraw until its line break
    private boolean stopping;         // false -> true once, by the signal's hook (stopping()); never reset
    private PrintWriter others;       // where the other lines go, flushed before each redraw; null until around()

    /**
     * @param err       where the line goes
     * @param nanoClock {@link System#nanoTime} in the lab; a fake one in tests
     */
    ProgressLine(PrintWriter err, Mode mode, LongSupplier nanoClock) {
        this.err = err;
        this.mode = mode;
        this.nanoClock = nanoClock;
    }

    Mode mode() {
        return mode;
    }

    /**
     * A writer for the other lines, such as the lesson's report on stdout: each write erases the line first, and the
     * line waits while one of them is half written. Closing the writer only flushes {@code target}.
     */
    synchronized PrintWriter around(PrintWriter target) {
        others = target;
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                synchronized (ProgressLine.this) {
                    erase();
                    target.write(text, offset, length);
                    if (length > 0) {
                        midLine = text[offset + length - 1] != '\n';
                    }
                }
            }

            @Override
            public void flush() {
                target.flush();
            }

            @Override
            public void close() {
                target.flush();
            }
        });
    }

    /** A run begins: the line counts {@code estimate}'s units from now, and shows nothing yet. */
    synchronized void begin(String label, Estimate estimate) {
        this.label = label;
        this.estimate = estimate;
        this.startNanos = nanoClock.getAsLong();
        this.idleUntil = startNanos;
        this.drawnAt = startNanos - REDRAW.toNanos();
        this.running = true;
    }

    /**
     * {@code done} units are done: redraws the line unless the last redraw was less than {@link #REDRAW} ago, the
     * run is too short to show one yet, or another line is half written.
     */
    synchronized void update(long done) {
        if (!running || mode == Mode.OFF || mode == Mode.FINAL || midLine) {
            return;
        }
        long now = nanoClock.getAsLong();
        Duration elapsed = Duration.ofNanos(now - startNanos);
        if (done == 0) {
            idleUntil = now;
        }
        boolean expectedLong = estimate.time().compareTo(QUIET) >= 0;
        if (mode == Mode.LIVE && !expectedLong && elapsed.compareTo(QUIET) < 0 || now - drawnAt < REDRAW.toNanos()) {
            return;
        }
        String line = stopping ? stoppingLine(label, done, estimate)
                : format(label, done, estimate, elapsed, Duration.ofNanos(now - idleUntil));
        if (others != null) {
            others.flush(); // a line printed before this one reaches the terminal first
        }
        switch (mode) {
            case LIVE -> {
                err.print("\r" + line + ERASE_TO_END);
                shown = line;
            }
            case LINES -> err.println(line);
            case FINAL, OFF -> { }
        }
        err.flush();
        drawnAt = now;
    }

    /**
     * Ctrl-C or SIGTERM: from now on the line says what is done and that the rest is being stopped, not a rate or a
     * time left. Stopping hundreds of thousands of sleeping tasks takes seconds; a rate that falls and a time left
     * that grows would read as a run that is still going.
     */
    synchronized void stopping() {
        stopping = true;
    }

    /** What the line says while the run is being stopped: {@code account: 13,244 of 200,000 trials, stopping...}. */
    static String stoppingLine(String label, long done, Estimate estimate) {
        String body = (estimate.units() > 0 ? String.format(Locale.ROOT, "%,d of %,d %s", done, estimate.units(),
                estimate.unit()) : String.format(Locale.ROOT, "%,d", done)) + " done; stopping the rest...";
        int room = WIDTH - body.length() - 2;
        return (label.length() <= room ? label : label.substring(0, Math.max(0, room - 3)) + "...") + ": " + body;
    }

    /**
     * The run ended (or was stopped) with {@code done} units done: the line is erased and stays so until the next
     * {@link #begin}. Without a live line ({@link Mode#FINAL}, and {@link Mode#LINES}), a run that took
     * {@link #QUIET} or more and {@code returned} (it was not cut short by an exception: an out-of-memory error is
     * one line, and a count of nothing done would only blur it) leaves its final line.
     */
    synchronized void end(long done, boolean returned) {
        erase();
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - startNanos);
        if (running && returned && (mode == Mode.FINAL || mode == Mode.LINES) && elapsed.compareTo(QUIET) >= 0) {
            if (others != null) {
                others.flush();
            }
            err.println(finished(label, done, estimate, elapsed));
            err.flush();
        }
        running = false;
    }

    /** Blanks the line and puts the cursor back at its start, if it is shown. */
    private void erase() {
        if (shown.isEmpty()) {
            return;
        }
        err.print("\r" + ERASE_TO_END);
        err.flush();
        shown = "";
    }

    /**
     * Begins a run and redraws its line from a thread of its own, every {@link #REDRAW}, with what {@code done}
     * says, until the returned watch is closed, which ends the line. Without a live line ({@link Mode#FINAL},
     * {@link Mode#OFF}) no thread is started.
     */
    Watch watch(String label, Estimate estimate, LongSupplier done) {
        begin(label, estimate);
        return new Watch(done);
    }

    /**
     * The poller of one run; closing it stops and joins the thread and ends the line, with a final line only if the
     * run {@linkplain #returned returned}.
     */
    final class Watch implements AutoCloseable {
        private final CountDownLatch closed = new CountDownLatch(1);
        private final LongSupplier done;
        private boolean returned; // false -> true once, by the runner's thread, which also closes the watch
        private final Thread poller; // null with Mode.FINAL and Mode.OFF

        private Watch(LongSupplier done) {
            this.done = done;
            boolean live = mode == Mode.LIVE || mode == Mode.LINES;
            poller = !live ? null : Thread.ofPlatform().daemon().name("vtlab progress").start(() -> {
                try {
                    do {
                        update(done.getAsLong());
                    } while (!closed.await(REDRAW.toMillis(), TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // only close() ends this thread; nobody else interrupts it
                }
            });
        }

        /** The run returned a result (whole, or the part of a stopped run that finished). */
        void returned() {
            returned = true;
        }

        @Override
        public void close() {
            closed.countDown();
            if (poller != null) {
                try {
                    poller.join(REDRAW.multipliedBy(5).toMillis()); // one redraw at most is under way
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the caller's to handle; the line is ended below anyway
                }
            }
            end(done.getAsLong(), returned);
        }
    }

    /** {@link #format(String, long, Estimate, Duration, Duration)} of a run whose units were done from its start. */
    static String format(String label, long done, Estimate estimate, Duration elapsed) {
        return format(label, done, estimate, elapsed, elapsed);
    }

    /**
     * The line for {@code done} of the estimate's units after {@code elapsed}: counts and share, rate, time left
     * (from the rate once units are done, from the estimate before), shortened to fit {@link #WIDTH}: first the rate
     * goes, then the label is cut.
     *
     * @param working the part of {@code elapsed} since the units began to be done, over which the rate is taken. A
     *                million trials of the account lesson take seconds to set up before the first one ends; a rate
     *                over the whole run would count that, and promise hundreds of hours where three are left.
     */
    static String format(String label, long done, Estimate estimate, Duration elapsed, Duration working) {
        long total = estimate.units();
        String unit = estimate.unit();
        double seconds = elapsed.toNanos() / 1e9;
        double workingSeconds = working.toNanos() / 1e9;
        StringBuilder counts = new StringBuilder();
        if (total > 0) {
            counts.append(String.format(Locale.ROOT, "%,d of %,d %s (%d%%)", done, total, unit,
                    (int) (100 * Math.min(done, total) / total)));
        } else {
            counts.append(DurationFormat.readable(Duration.ofSeconds(Math.round(seconds))));
        }
        boolean measured = total > 0 && done > 0 && working.compareTo(REDRAW) >= 0; // else the rate is noise
        String rate = measured ? ", " + rate(done / workingSeconds) + " " + unit + "/s" : "";
        String left = "";
        if (measured && done < total) {
            left = ", " + remaining(working.multipliedBy(total - done).dividedBy(done)) + " left";
        } else if (!measured && estimate.time().compareTo(elapsed) > 0) {
            left = ", about " + remaining(estimate.time().minus(elapsed)) + " left";
        }
        for (String tail : new String[] {rate + left, left, ""}) {
            String body = counts + tail;
            int room = WIDTH - body.length() - 2;
            if (room >= Math.min(label.length(), 12)) {
                return (label.length() <= room ? label : label.substring(0, Math.max(0, room - 3)) + "...") + ": "
                        + body;
            }
        }
        String whole = label + ": " + counts;
        return whole.length() <= WIDTH ? whole : whole.substring(0, WIDTH);
    }

    /** The final line: how far the run got, in how long, and how fast: {@code account: 7,866 of 20,000 trials...}. */
    static String finished(String label, long done, Estimate estimate, Duration elapsed) {
        long total = estimate.units();
        String took = DurationFormat.readable(elapsed);
        String body = total == 0 ? took : String.format(Locale.ROOT, "%,d of %,d %s in %s (%s %s/s)", done, total,
                estimate.unit(), took, rate(done / (elapsed.toNanos() / 1e9)), estimate.unit());
        int room = WIDTH - body.length() - 2;
        return (label.length() <= room ? label : label.substring(0, Math.max(0, room - 3)) + "...") + ": " + body;
    }

    /** Units per second to about three figures: 0.5, 61, 1,234, 20,000. */
    private static String rate(double perSecond) {
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    /** Whole seconds from a minute up (3 min 20 s, 2 h 47 min), tenths are noise in a guess. */
    private static String remaining(Duration left) {
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? "<1 s"
                : DurationFormat.readable(Duration.ofSeconds(Math.round(left.toNanos() / 1e9)));
    }
}

package dev.vtlab.cli;

import dev.vtlab.cli.ProgressLine.Mode;
import dev.vtlab.lesson.Estimate;
import dev.vtlab.report.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress line, driven by a fake clock into a {@link StringWriter}: what it says, how often it redraws, when it
 * shows at all, and that it is out of the way before any other line is printed.
 */
class ProgressLineTest {

    private static final Estimate THOUSAND_TRIALS = new Estimate(1000, "trials", Duration.ofSeconds(10), "");

    private final AtomicLong clock = new AtomicLong(1_000_000_000L); // nanoseconds; moved only by the test
    private final StringWriter err = new StringWriter();

    private ProgressLine line(Mode mode) {
        return new ProgressLine(new PrintWriter(err), mode, clock::get);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    @Timeout(5)
    void saysDoneOfTotalTheShareTheRateAndTheTimeLeft() {
        assertEquals("account: 423 of 1,000 trials (42%), 61 trials/s, 9 s left",
                ProgressLine.format("account", 423, THOUSAND_TRIALS, Duration.ofMillis(6900)));
    }

    @Test
    @Timeout(5)
    void beforeAnythingIsDoneTheTimeLeftComesFromTheEstimate() {
        var estimate = new Estimate(1_000_000, "trials", Duration.ofSeconds(10_010), "");
        assertEquals("account: 0 of 1,000,000 trials (0%), about 2 h 46 min left",
                ProgressLine.format("account", 0, estimate, Duration.ofSeconds(40)));
    }

    /** Ten seconds of setting up before the first trial ends do not count in the rate, nor in the time left. */
    @Test
    @Timeout(5)
    void theRateCountsFromWhenTheFirstUnitsWereDoneNotFromTheStart() {
        var line = line(Mode.LINES);
        var estimate = new Estimate(1_000_000, "trials", Duration.ofSeconds(10_010), "");
        line.begin("account", estimate);
        for (int i = 0; i < 10; i++) {                // 10 s of setting up: nothing done
            line.update(0);
            advance(Duration.ofSeconds(1));
        }
        line.update(0);                               // at 10 s, still nothing
        advance(Duration.ofSeconds(2));
        line.update(200);                             // 200 trials in the 2 s since: 100 a second
        assertEquals("account: 200 of 1,000,000 trials (0%), 100 trials/s, 2 h 47 min left",
                err.toString().lines().toList().getLast());
    }

    /** Once Ctrl-C has come, the line says what is done and that the rest is stopping: no rate, no time left. */
    @Test
    @Timeout(5)
    void afterCtrlCItSaysTheRestIsStoppingInsteadOfARate() {
        var line = line(Mode.LINES);
        line.begin("account", THOUSAND_TRIALS);
        advance(Duration.ofSeconds(1));
        line.update(100);
        line.stopping();
        advance(Duration.ofSeconds(1));
        line.update(120);
        assertEquals(List.of("account: 100 of 1,000 trials (10%), 100 trials/s, 9 s left",
                "account: 120 of 1,000 trials done; stopping the rest..."), err.toString().lines().toList());
    }

    @Test
    @Timeout(5)
    void aLongLabelIsShortenedSoTheLineFitsEightyColumns() {
        var estimate = new Estimate(1_000_000, "trials", Duration.ofDays(3), "");
        String label = "bench [12/12] locks synchronized, 200 platform threads, 50,000,000 increments";
        String line = ProgressLine.format(label, 123_456, estimate, Duration.ofSeconds(7));
        assertTrue(line.length() <= Text.WIDTH - 1, line.length() + ": " + line);
        assertTrue(line.endsWith("...: 123,456 of 1,000,000 trials (12%), 17,637 trials/s, 50 s left"), line);
        assertTrue(line.startsWith("bench [12/12]"), line);
    }

    @Test
    @Timeout(5)
    void redrawsInPlaceAtMostFiveTimesASecond() {
        var line = line(Mode.LIVE);
        line.begin("account", THOUSAND_TRIALS);
        line.update(0);                               // drawn at once: the run is expected to take 10 s
        for (int i = 1; i <= 20; i++) {               // 20 updates over one second, every 50 ms
            advance(Duration.ofMillis(50));
            line.update(i);
        }
        String shown = err.toString();
        assertEquals(6, shown.split("\r", -1).length - 1, "at 0, 200, 400, 600, 800 and 1000 ms:\n" + shown);
        assertFalse(shown.contains("\n"), "redrawn in place, never a new line");
        assertTrue(shown.endsWith("\raccount: 20 of 1,000 trials (2%), 20 trials/s, 49 s left"
                + ProgressLine.ERASE_TO_END), shown);
    }

    @Test
    @Timeout(5)
    void aRunExpectedToBeShortShowsNothingUntilItHasTakenASecond() {
        var line = line(Mode.LIVE);
        line.begin("counter", new Estimate(2, "tasks", Duration.ofMillis(100), ""));
        for (int i = 0; i < 4; i++) {
            line.update(0);
            advance(Duration.ofMillis(240));
        }
        assertEquals("", err.toString(), "0.96 s: nothing yet");
        advance(Duration.ofMillis(40));
        line.update(1);
        assertTrue(err.toString().startsWith("\rcounter: 1 of 2 tasks (50%)"), err.toString());
    }

    @Test
    @Timeout(5)
    void anotherLineErasesItFirstAndNoRedrawCutsIntoAHalfWrittenLine() {
        var line = line(Mode.LIVE);
        var stdout = new StringWriter();
        PrintWriter out = line.around(new PrintWriter(stdout));
        line.begin("account", THOUSAND_TRIALS);
        line.update(5);
        out.print("deposit thread updating");                  // half a line
        int before = err.toString().length();
        advance(Duration.ofSeconds(1));
        line.update(6);
        assertEquals(before, err.toString().length(), "no redraw while a line is half written");
        out.println("...");
        out.flush();
        advance(Duration.ofSeconds(1));
        line.update(7);
        assertEquals("deposit thread updating...\n", stdout.toString());
        assertEquals("\raccount: 5 of 1,000 trials (0%), about 10 s left" + ProgressLine.ERASE_TO_END
                + "\r" + ProgressLine.ERASE_TO_END                                // erased before the story line
                + "\raccount: 7 of 1,000 trials (0%), 3.5 trials/s, 4 min 44 s left" + ProgressLine.ERASE_TO_END,
                err.toString());
        line.end(7, true);
        assertTrue(err.toString().endsWith(ProgressLine.ERASE_TO_END + "\r" + ProgressLine.ERASE_TO_END),
                "erased at the end");
    }

    @Test
    @Timeout(5)
    void offDrawsNothingAndLinesDrawsWholeLines() {
        var off = line(Mode.OFF);
        off.begin("account", THOUSAND_TRIALS);
        off.update(10);
        off.end(10, true);
        assertEquals("", err.toString());
        var lines = line(Mode.LINES);
        lines.begin("account", new Estimate(1000, "trials", Duration.ZERO, ""));
        lines.update(3);
        advance(Duration.ofMillis(200));
        lines.update(4);
        lines.end(4, true);                                 // 0.2 s: too short for a final line
        assertEquals(List.of("account: 3 of 1,000 trials (0%)", "account: 4 of 1,000 trials (0%), 20 trials/s,"
                + " 50 s left"), err.toString().lines().toList());
        assertFalse(err.toString().contains("\r"));
    }

    /** Piped (or NO_COLOR, or a dumb terminal): not one byte while the run goes, then one whole line at its end. */
    @Test
    @Timeout(5)
    void pipedItIsSilentWhileTheRunGoesAndLeavesOneFinalLine() {
        var line = line(Mode.FINAL);
        line.begin("account", THOUSAND_TRIALS);
        for (int i = 1; i <= 30; i++) {               // 3 s of updates, every 100 ms
            advance(Duration.ofMillis(100));
            line.update(10L * i);
        }
        assertEquals("", err.toString(), "nothing while it runs");
        line.end(300, true);
        assertEquals("account: 300 of 1,000 trials in 3 s (100 trials/s)" + System.lineSeparator(), err.toString());
        assertFalse(err.toString().contains("\r") || err.toString().contains("\u001b"), "no terminal codes");
    }

    /** A run cut short by an exception (out of memory, say) leaves no final line: the error is the one line. */
    @Test
    @Timeout(5)
    void pipedARunThatThrewLeavesNoFinalLine() {
        var line = line(Mode.FINAL);
        line.begin("account", THOUSAND_TRIALS);
        advance(Duration.ofSeconds(3));
        line.end(0, false);
        assertEquals("", err.toString());
    }

    @Test
    @Timeout(5)
    void pipedARunShorterThanASecondLeavesNothing() {
        var line = line(Mode.FINAL);
        line.begin("counter", new Estimate(2, "tasks", Duration.ofMillis(100), ""));
        advance(Duration.ofMillis(900));
        line.update(2);
        line.end(2, true);
        assertEquals("", err.toString());
    }

    @Test
    @Timeout(5)
    void showsOnlyOnATerminalThatIsNotDumbAndWithoutNoColor() {
        assertEquals(Mode.LIVE, Mode.detect(Map.of("TERM", "xterm-256color"), true));
        assertEquals(Mode.FINAL, Mode.detect(Map.of("TERM", "xterm-256color"), false));
        assertEquals(Mode.FINAL, Mode.detect(Map.of("TERM", "dumb"), true));
        assertEquals(Mode.FINAL, Mode.detect(Map.of("NO_COLOR", "1"), true));
        assertEquals(Mode.LIVE, Mode.detect(Map.of("NO_COLOR", ""), true), "an empty NO_COLOR is unset");
    }
}

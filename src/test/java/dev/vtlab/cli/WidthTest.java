package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import dev.vtlab.report.Text;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every help text and every lesson's output fits an 80-column terminal, so nothing wraps in the middle of a word.
 * The lab lays everything out for 80 columns whatever {@code COLUMNS} says, so running in-process is running at 80.
 * Tagged jdk25: on JDK 25 the outputs differ (the scope ways' names, the scope code --code prints, what pins).
 */
@Tag("jdk25")
class WidthTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "counter", "account", "pinning", "failure", "jfr", "bench", "completion"})
    @Timeout(20)
    void everyHelpFitsEightyColumns(String command) {
        Run run = command.isEmpty() ? CliTest.run("--help") : CliTest.run(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertFits(run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "counter",
        "counter --sync cas -v --threads platform",
        "counter --sync synchronized --no-join --threads scope",
        "counter --sync none --tasks 5 --delay 10ms",
        "counter --sync lock --code",
        "counter --code --sync cas --threads scope",
        "counter --code --threads platform",
        "counter --metrics --delay 0",
        "account",
        "account --trials 1 --schedule deposit-lost --timeline",
        "account --sync cas --trials 100",
        "account --ops=+50,-150,+20 --trials 200",
        "account --ops=+50,-150,+20,-10,+5,+1 --trials 50 --delay 0 --jitter 0",
        "account --delay deposit=2ms,withdrawal=5ms --jitter 0 --trials 100",
        "account --balance 1000000000000000 --ops=+999999999999,-999999999999 --trials 10",
        "account --code --sync lock",
        "account --metrics --trials 100",
        "pinning --hold 50ms --workers 3",
        "pinning --lock class-init --hold 50ms --workers 3",
        "failure --code",
        "failure --work 200ms",
        "failure --no-failure --work 100ms --metrics"})
    @Timeout(60)
    void everyLessonsOutputFitsEightyColumns(String args) {
        Run run = CliTest.run(args.split(" "));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().count() > 3, run.out());
        assertFits(run.out());
        assertFits(run.err());
    }

    /** The summary of a recording with pinning, the lesson's contention and the machinery's. */
    @org.junit.jupiter.api.Test
    @Timeout(60)
    void theSummaryOfARecordingFitsEightyColumns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        String file = tmp.resolve("p.jfr").toString();
        Run lesson = CliTest.run("pinning", "--hold", "50ms", "--workers", "3", "--jfr=" + file);
        assertEquals(0, lesson.exitCode(), lesson.err());
        Run run = CliTest.run("jfr", file);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("pinned"), run.out());
        assertFits(run.out());
    }

    private static void assertFits(String text) {
        List<String> wide = text.lines().filter(l -> Text.visible(l) > Text.WIDTH).toList();
        assertEquals(List.of(), wide, "lines wider than " + Text.WIDTH + " columns");
    }
}

package dev.vtlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class CliTest {

    /** What one invocation did. */
    record Run(int exitCode, String out, String err) {
    }

    /**
     * The value the {@code --metrics} table shows for meter {@code name} with {@code tags} (empty: none), or null: the
     * table prints a tagged meter's name on a line of its own, then a line per tag set.
     */
    static String meter(String out, String name, String tags) {
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (tags.isEmpty() && line.startsWith(name + " ")) {
                return line.substring(name.length()).strip();
            }
            if (!tags.isEmpty() && line.equals(name)) {
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
                    if (lines.get(j).startsWith("  " + tags + " ")) {
                        return lines.get(j).substring(2 + tags.length()).strip();
                    }
                    if (lines.get(j).equals("  " + tags) && j + 1 < lines.size()) {
                        return lines.get(j + 1).strip(); // tags too wide to share a line with the value
                    }
                }
            }
        }
        return null;
    }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheLessonsExamplesAndExitCodes() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("counter"), run.out());
        assertTrue(run.out().contains("Examples:"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
    }

    @Test
    void lessonHelpHasAnExampleForEveryOption() {
        Run run = run("counter", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--threads", "--sync", "--delay", "--tasks"}) {
            assertTrue(run.out().contains(option), option);
            assertTrue(run.out().contains("Example: " + option), "no example for " + option);
        }
        assertTrue(run.out().contains("platform, virtual, scope"), run.out());
        assertTrue(run.out().contains("none, synchronized, lock, cas"), run.out());
    }

    @Test
    void versionNamesTheLabAndTheJdk() {
        Run run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("vtlab"), run.out());
        assertTrue(run.out().contains(Runtime.version().toString()), run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--sync mutex       | '--sync': unknown value 'mutex'; use one of none, synchronized, lock, cas",
        "--threads green    | '--threads': unknown value 'green'; use one of platform, virtual, scope",
        "--tasks 0          | '--tasks': 0 is out of range; use a whole number from 1 to 10000",
        "--tasks -3         | '--tasks': -3 is out of range",
        "--tasks many       | '--tasks': 'many' is not a whole number; use a whole number from 1 to 10000",
        "--delay -5ms       | '--delay': '-5ms' is negative",
        "--delay soon       | '--delay': 'soon' is not a duration",
        "--frobnicate       | Unknown option: '--frobnicate'"})
    void badInputIsOneLineNamingTheOptionAndExitsTwo(String args, String expected) {
        Run run = run(("counter " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, got: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        Run run = run("counter", "--sync", "LOCK", "--threads", "Platform", "--delay", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Ending value is 20."), run.out());
    }

    @Test
    void theWholeLessonRunsUnsynchronisedThenWithALock() {
        Run run = run("counter", "--delay", "0");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        int none = out.indexOf("== counter: no synchronisation ==");
        int lock = out.indexOf("== counter: a ReentrantLock ==");
        assertTrue(none >= 0 && lock > none, out);
        assertTrue(out.contains("Testing update. Starting value is 0."), out);
        assertTrue(out.contains("task 1: starting update"), out);
        assertTrue(out.contains("task 2: finishing update"), out);
        assertTrue(out.substring(lock).contains("Testing update. Ending value is 20."), out);
    }

    @Test
    void tasksSetTheExpectedValue() {
        Run run = run("counter", "--sync", "cas", "--tasks", "7", "--delay", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Ending value is 70."), run.out());
        assertTrue(run.out().contains("Expected 70 (7 x 10)"), run.out());
    }

    @Test
    void plainOutputHasNoEscapeCodes() {
        Run run = run("counter", "--delay", "0");
        assertFalse(run.out().contains("\u001b["), run.out());
    }

    @Test
    void metricsPrintsTheLessonsMetersAfterIt() {
        Run run = run("counter", "--sync", "lock", "--delay", "0", "--metrics");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.indexOf("Metrics") > out.indexOf("Ending value is 20."), out);
        assertTrue(out.contains("vtlab.counter.runs.correct"), out);
        assertTrue(out.contains("jvm.threads.virtual.pinned"), out);
        assertTrue(out.contains("jvm.threads.live"), out);
    }

    @Test
    void metricsPrometheusAndJson() {
        Run prometheus = run("counter", "--sync", "cas", "--delay", "0", "--metrics=prometheus");
        assertEquals(0, prometheus.exitCode(), prometheus.err());
        assertTrue(prometheus.out().contains("vtlab_counter_runs_correct_total{sync=\"cas\",threads=\"virtual\"} 1.0"),
                prometheus.out());
        Run json = run("counter", "--sync", "cas", "--delay", "0", "--metrics", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("{\"meters\":["), json.out());
    }

    @Test
    void anUnknownMetricsFormatIsAUsageError() {
        Run run = run("counter", "--metrics=xml");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("'--metrics': unknown value 'xml'; use one of table, prometheus, json"),
                run.err());
    }

    @Test
    void accountMetricsCountEveryTrialsOutcome() {
        Run run = run("account", "--trials", "20", "--sync", "lock", "--metrics");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertEquals("20", meter(out, "vtlab.account.runs.correct", "sync=lock,threads=virtual"), out);
        assertTrue(meter(out, "vtlab.account.task.duration", "sync=lock,threads=virtual").startsWith("count 40,"),
                out);
    }

    @Test
    void accountMetricsDoNotShareStdoutWithItsJson() {
        Run run = run("account", "--format", "json", "--metrics");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("--format json promises one document"), run.err());
        assertEquals("", run.out());
    }

    /** Each worker sleeps 100 ms inside synchronized on JDK 21: one jdk.VirtualThreadPinned event apiece. */
    @Test
    @Timeout(60)
    void pinningMetricsCountOnePinnedEventPerWorkerUnderSynchronized() {
        Run run = run("pinning", "--lock", "synchronized", "--workers", "3", "--hold", "50ms", "--metrics");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("jvm\\.threads\\.virtual\\.pinned\\s+count 3,.*")),
                run.out());
    }

    @Test
    @Timeout(60)
    void failureMetricsCountTheFailedAndCancelledSubtasksOfEachWay() {
        Run run = run("failure", "--fail-after", "1ms", "--work", "100ms", "--metrics");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("1", meter(run.out(), "vtlab.failure.tasks.failed", "threads=virtual,way=shutdown_on_failure"),
                run.out());
        assertEquals("0", meter(run.out(), "vtlab.failure.tasks.cancelled", "threads=virtual,way=fire_and_forget"),
                run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "countr                  | did you mean counter?",
        "acount                  | did you mean account?",
        "counter --sinc none     | did you mean --sync?",
        "counter --task=3        | did you mean --tasks?"})
    void aTypoIsAnsweredWithTheNearestName(String args, String expected) {
        Run run = run(args.strip().split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains(expected), run.err());
    }

    @Test
    void aWordFarFromEveryNameGetsNoSuggestion() {
        Run run = run("xyzzyplugh");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertFalse(run.err().contains("did you mean"), run.err());
    }

    /**
     * picocli wraps a description line longer than its column and indents the rest two more spaces; a help text
     * should be written so that never happens, or a word ends up alone on a line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"counter", "account", "pinning", "failure", "jfr", "bench"})
    void helpLinesFitTheirColumn(String command) {
        Run run = run(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        List<String> wrapped = run.out().lines().filter(l -> l.matches(" {29}\\S.*")).toList();
        assertEquals(List.of(), wrapped, "description lines that picocli had to wrap");
    }
}

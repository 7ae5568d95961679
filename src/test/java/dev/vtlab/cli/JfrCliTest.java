package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import dev.vtlab.testing.Recordings;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --jfr on every lesson, and vtlab jfr FILE; recordings are read back with the JDK's parser and with JMC's. */
class JfrCliTest {

    /** The counter lesson's recording opens in both parsers and holds one run event per run, one update per task. */
    @Test
    @Timeout(30)
    void counterRecordingOpensInTheJdkAndInMissionControl(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("counter.jfr");
        Run run = run("counter", "--delay", "0", "--tasks", "3", "--jfr=" + file);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Flight Recorder: recording saved to"), run.out());
        assertTrue(run.out().contains(file.getFileName().toString()), run.out());

        Map<String, Long> jdk = Recordings.countByType(file);
        assertEquals(2L, jdk.get("vtlab.LessonRun"), "none, then lock: " + jdk);
        assertEquals(6L, jdk.get("vtlab.TaskUpdate"), "3 tasks x 2 runs: " + jdk);
        Map<String, Long> jmc = Recordings.countByTypeWithJmc(file);
        assertEquals(jdk.get("vtlab.LessonRun"), jmc.get("vtlab.LessonRun"), jmc.toString());
        assertEquals(jdk.get("vtlab.TaskUpdate"), jmc.get("vtlab.TaskUpdate"), jmc.toString());
        assertFalse(Files.exists(tmp.resolve("counter.jfr.part")));
    }

    /**
     * The pinning lesson, both trials in one recording: jdk.VirtualThreadPinned events lie inside the synchronized
     * run and none inside the ReentrantLock run. vtlab jfr agrees with the JDK's own jfr summary and view.
     */
    @Test
    @Timeout(60)
    void pinningRecordsPinnedEventsOnlyUnderSynchronized(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("pinning.jfr");
        Run run = run("pinning", "--workers", "3", "--hold", "100ms", "--jfr=" + file);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("What the lesson showed:"), run.out());

        List<RecordedEvent> events = Recordings.events(file);
        RecordedEvent syncRun = lessonRun(events, "--lock synchronized");
        RecordedEvent lockRun = lessonRun(events, "--lock lock");
        List<RecordedEvent> pinned = events.stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
        assertTrue(pinned.stream().anyMatch(e -> within(e, syncRun)), "no pinned event under synchronized");
        assertTrue(pinned.stream().noneMatch(e -> within(e, lockRun)), "a pinned event under ReentrantLock");
        assertTrue(pinned.getFirst().getStackTrace() != null, "pinned events carry their stacks");
        Map<String, Long> jmc = Recordings.countByTypeWithJmc(file);
        Recordings.countByType(file).forEach((type, n) -> assertEquals(n, jmc.get(type), "JMC reads " + type));

        Run summary = run("jfr", file.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        Matcher ours = Pattern.compile("(\\d+) pinned, ").matcher(summary.out());
        assertTrue(ours.find(), summary.out());
        long count = Long.parseLong(ours.group(1));
        assertEquals(pinned.size(), count);

        Matcher jdkSummary = Pattern.compile("jdk\\.VirtualThreadPinned\\s+(\\d+)\\s")
                .matcher(Recordings.jfrTool("summary", file.toString()));
        assertTrue(jdkSummary.find());
        assertEquals(count, Long.parseLong(jdkSummary.group(1)), "jfr summary");

        String view = Recordings.jfrTool("view", "pinned-threads", file.toString());
        long viewed = view.lines().map(l -> Pattern.compile("\\)\\s+(\\d+)\\s+\\d").matcher(l))
                .filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertEquals(count, viewed, "jfr view pinned-threads:\n" + view);
        assertTrue(summary.out().contains("PinningLesson$Guard$1.holdWhileSleeping"), summary.out());
        assertTrue(summary.out().contains("pinning trial: synchronized"), summary.out());
        // The pinned threads by the names the lesson gives its workers, and the workers' wait for the monitor
        // among the lesson's contention, above the machinery's.
        assertTrue(Pattern.compile("\\n\\s+by worker \\d").matcher(summary.out()).find(), summary.out());
        String out = summary.out();
        int lessons = out.indexOf("The lesson's lock contention");
        int machinery = out.indexOf("Not the lesson's");
        int waits = out.indexOf("PinningLesson$Guard$1.holdWhileSleeping", out.indexOf("Monitors (synchronized)"));
        assertTrue(lessons >= 0 && lessons < waits && waits < machinery, out);
    }

    /** Every lesson takes --jfr, and its recording opens in both parsers with its vtlab.LessonRun events. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "counter --delay 0 --tasks 2                        | 2",
        "account --trials 20 --delay 1ms                    | 1",
        "account --format json                              | 1",
        "failure --fail-after 10ms --work 100ms             | 5"})
    @Timeout(60)
    void everyLessonRecordsARecordingBothParsersRead(String args, long runs, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("lesson.jfr");
        List<String> argv = new ArrayList<>(List.of(args.split(" +")));
        argv.add("--jfr=" + file);
        Run run = run(argv.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Long> jdk = Recordings.countByType(file);
        assertEquals(runs, jdk.get("vtlab.LessonRun"), jdk.toString());
        Map<String, Long> jmc = Recordings.countByTypeWithJmc(file);
        jdk.forEach((type, n) -> assertEquals(n, jmc.get(type), "JMC reads " + type));
        if (args.contains("--format json")) {
            assertTrue(run.out().strip().startsWith("{") && run.out().strip().endsWith("}"), "JSON only: " + run.out());
            assertTrue(run.err().contains("recording saved to"), run.err());
        }
    }

    /** The account lesson commits one trial event per trial; vtlab jfr rebuilds the distribution from them. */
    @Test
    @Timeout(30)
    void accountTrialsAreRecordedAndSummarised(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("account.jfr");
        Run run = run("account", "--trials", "30", "--delay", "1ms", "--jfr=" + file);
        assertEquals(0, run.exitCode(), run.err());
        List<RecordedEvent> trials = Recordings.events(file).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.AccountTrial")).toList();
        assertEquals(30, trials.size());
        assertTrue(trials.stream().allMatch(e -> e.getLong("startingBalance") == 100));

        Run summary = run("jfr", file.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("account trials: 30"), summary.out());
        assertTrue(summary.out().contains("ending balance"), summary.out());
    }

    @Test
    @Timeout(30)
    void theProfileSettingsAndAJfcPathAreAccepted(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("profile.jfr");
        Run run = run("counter", "--delay", "0", "--jfr=" + file, "--jfr-settings", "profile");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Recordings.countByType(file).containsKey("vtlab.LessonRun"));

        Path jfc = Path.of(System.getProperty("basedir", "."), "jfr-profiles", "vtlab.jfc");
        Run byPath = run("counter", "--delay", "0", "--jfr=" + tmp.resolve("path.jfr"), "--jfr-settings",
                jfc.toString());
        assertEquals(0, byPath.exitCode(), byPath.err());
    }

    @Test
    @Timeout(10)
    void unknownSettingsAreOneLineAndExitTwo() {
        Run run = run("counter", "--delay", "0", "--jfr", "--jfr-settings", "nosuch");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("'nosuch' is neither vtlab, profile nor an existing .jfc file"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    @Timeout(10)
    void summaryOfAMissingFileOrANonRecordingExitsTwo(@TempDir Path tmp) throws Exception {
        Run missing = run("jfr", tmp.resolve("nope.jfr").toString());
        assertEquals(ExitCode.USAGE.code(), missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Path text = Files.writeString(tmp.resolve("text.jfr"), "not a recording\n");
        Run bad = run("jfr", text.toString());
        assertEquals(ExitCode.USAGE.code(), bad.exitCode());
        assertTrue(bad.err().contains("is not a whole Flight Recorder recording"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    /** A recording cut short, at any length, is refused with exit 2, never an internal error. */
    @Test
    @Timeout(30)
    void summaryOfATruncatedRecordingExitsTwo(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("whole.jfr");
        assertEquals(0, run("counter", "--delay", "0", "--jfr=" + file).exitCode());
        byte[] whole = Files.readAllBytes(file);
        for (int length : new int[] {10, 100, whole.length / 4, whole.length / 2, whole.length * 3 / 4,
            whole.length - 1}) {
            Path cut = Files.write(tmp.resolve("cut-" + length + ".jfr"), Arrays.copyOf(whole, length));
            Run run = run("jfr", cut.toString());
            assertEquals(ExitCode.USAGE.code(), run.exitCode(), length + " bytes: " + run.err());
        }
    }

    private static RecordedEvent lessonRun(List<RecordedEvent> events, String setup) {
        return events.stream().filter(e -> e.getEventType().getName().equals("vtlab.LessonRun"))
                .filter(e -> e.getString("setup").startsWith(setup)).findFirst()
                .orElseThrow(() -> new AssertionError("no vtlab.LessonRun for " + setup));
    }

    private static boolean within(RecordedEvent e, RecordedEvent run) {
        Instant start = run.getStartTime();
        Instant end = run.getEndTime();
        return !e.getStartTime().isBefore(start) && !e.getEndTime().isAfter(end);
    }
}

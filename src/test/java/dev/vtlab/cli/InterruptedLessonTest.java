package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vtlab.testing.ChildVtlab;
import dev.vtlab.testing.ChildVtlab.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C keeps what was measured (issue 11, point 4): a lesson stopped mid-run prints the part that finished, graded
 * as partial, and exits with the JVM's code for the signal; with {@code --format json} stdout is still one document
 * that the schema accepts, marked {@code "interrupted": true}.
 *
 * <p>Each case runs vtlab in a child JVM that the test starts itself, with SIGINT's default action restored
 * ({@link ChildVtlab}). The moment is fixed without sleeping: with the test-only progress mode
 * ({@code -Dvtlab.test.progress=lines}) the child prints its progress line as a line of its own from the start of
 * the run, and the test signals only once a line says that enough trials are done. Runs are sized so that they are
 * far from done then: 20,000 trials of 100 ms on 200 platform threads take 10 s at least.
 */
class InterruptedLessonTest {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final int TRIALS = 20_000;
    private static final List<String> LONG_ACCOUNT = List.of("account", "--trials", Integer.toString(TRIALS),
            "--delay", "100ms", "--threads", "platform");
    private static final Pattern PROGRESS = Pattern.compile("^account: ([\\d,]+) of 20,000 trials");

    private static Schema schema;

    @BeforeAll
    static void readTheSchema() throws Exception {
        try (InputStream in = InterruptedLessonTest.class.getResourceAsStream("/schema/vtlab-result.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private ChildVtlab child; // the test thread's only

    @AfterEach
    void killTheChild() {
        if (child != null) {
            child.close();
        }
    }

    /**
     * Stopped after at least 100 of 20,000 trials: the trials that finished are shown (as many as the progress line
     * had counted, or more, and fewer than all), the table's rows add up to them, and the grade and the last line say
     * that the result is partial.
     */
    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(90)
    void aStoppedAccountRunShowsAndGradesTheTrialsThatFinished(Stop stop, @TempDir Path tmp) throws Exception {
        long seen = startAndStopAfter(tmp, stop, 100, LONG_ACCOUNT);
        String out = child.out();

        Matcher observed = Pattern.compile("^Observed in (\\d+) of 20000 trials \\(interrupted, [\\d.]+ ms\\):$",
                Pattern.MULTILINE).matcher(out);
        assertTrue(observed.find(), "the heading of the distribution says it is partial:\n" + child.output());
        long done = Long.parseLong(observed.group(1));
        assertTrue(done >= seen && done < TRIALS, done + " trials, " + seen + " seen before the signal:\n" + out);
        assertEquals(done, rowsOfTheTable(out.substring(observed.end())), "the rows add up to the trials done\n" + out);

        String flat = out.replaceAll("\\s+", " ");
        assertTrue(flat.contains("of the " + done + " trials that finished lost an update."), out);
        assertTrue(flat.contains("Graded as partial: on the " + done + " of 20000 trials that finished before the"
                + " run was interrupted."), out);
        assertTrue(flat.strip().endsWith("Interrupted by Ctrl-C or SIGTERM after " + done + " of 20000 trials: those"
                + " that finished are counted above."), "the last words say where it stopped:\n" + out);
        assertCalm(child);
    }

    /** The same stop with {@code --format json}: one document, valid against the schema, marked interrupted. */
    @Test
    @Timeout(90)
    void aStoppedAccountRunWritesOneValidJsonDocumentMarkedInterrupted(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(LONG_ACCOUNT);
        args.addAll(List.of("--format", "json"));
        long seen = startAndStopAfter(tmp, Stop.SIGINT, 100, args);

        JsonNode doc = new ObjectMapper().readTree(child.out()); // throws unless stdout is one JSON document
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
        assertTrue(doc.get("interrupted").booleanValue(), doc.toPrettyString());
        assertEquals("INTERESTING", doc.get("grade").asText(), "graded on the trials that finished");
        assertEquals(1, doc.get("runs").size());
        JsonNode run = doc.get("runs").get(0);
        long done = run.get("trialsDone").longValue();
        assertEquals(TRIALS, run.get("parameters").get("trials").intValue());
        assertTrue(done >= seen && done < TRIALS, done + " trials done, " + seen + " seen before the signal");
        long counted = 0;
        for (JsonNode row : run.get("observed")) {
            counted += row.get("trials").longValue();
        }
        assertEquals(done, counted, "observed counts the trials done, and only those");
        assertCalm(child);
    }

    /** The same stop with {@code --format html}: one whole page, which says the run was stopped and graded partial. */
    @Test
    @Timeout(90)
    void aStoppedAccountRunWritesOneWholeHtmlPage(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(LONG_ACCOUNT);
        args.addAll(List.of("--format", "html"));
        startAndStopAfter(tmp, Stop.SIGINT, 100, args);
        String page = child.out().strip();
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.endsWith("</html>"), "one whole page:\n" + page);
        assertEquals(1, page.split("<html", -1).length - 1, "one page only");
        assertTrue(page.contains("Graded as partial") && page.contains("Interrupted by Ctrl-C or SIGTERM after"),
                page);
        assertCalm(child);
    }

    /**
     * Stopped before its one run finished, a lesson that keeps no part of a run (counter) says there is nothing to
     * show, and its JSON has no runs and no summary, and is still valid.
     */
    @Test
    @Timeout(90)
    void aLessonStoppedBeforeAnyRunFinishedSaysSoAndItsJsonIsStillValid(@TempDir Path tmp) throws Exception {
        List<String> counter = List.of("counter", "--sync", "synchronized", "--tasks", "2", "--delay", "60s");
        List<String> json = new ArrayList<>(counter);
        json.addAll(List.of("--format", "json"));

        startAndStopAt(tmp, Stop.SIGINT, line -> line.startsWith("counter: 0 of 2 tasks"), json);
        JsonNode doc = new ObjectMapper().readTree(child.out());
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
        assertTrue(doc.get("interrupted").booleanValue(), doc.toPrettyString());
        assertEquals(0, doc.get("runs").size());
        assertTrue(doc.get("summary").isNull() && doc.get("grade").isNull(), doc.toPrettyString());
        assertCalm(child);
        child.close();

        startAndStopAt(tmp, Stop.SIGINT, line -> line.startsWith("counter: 0 of 2 tasks"), counter);
        assertTrue(child.out().replaceAll("\\s+", " ").strip().endsWith("Interrupted by Ctrl-C or SIGTERM before"
                + " any run finished: there is nothing to show."), child.output());
        assertCalm(child);
    }

    /**
     * The example, about 10,000 s of work: the estimate and how it follows from the options come first, on
     * stderr, before the run starts; Ctrl-C right after it still ends the run with what it has (here, most likely,
     * nothing).
     */
    @Test
    @Timeout(90)
    void aLongRunSaysHowLongItWillTakeBeforeItStarts(@TempDir Path tmp) throws Exception {
        String estimate = startAndStopAt(tmp, Stop.SIGINT, line -> line.contains("this will take about"),
                List.of("account", "--trials", "1000000", "--delay", "1s", "--threads", "platform"));
        assertTrue(child.err().startsWith(estimate), "the first line on stderr:\n" + child.output());
        assertTrue(child.err().replaceAll("\\s+", " ").startsWith("./vtlab account: this will take about 2 h 47 min"
                + " (10,010 s): 2,000,000 tasks of about 1 s, 200 at a time. Ctrl-C stops it and prints what"
                + " finished."), "2,000,000 tasks in rounds of 200, each round 1 s and the jitter of 1 ms:\n"
                + child.err());
        assertTrue(child.err().lines().allMatch(line -> line.length() < 80), child.err());
        assertTrue(child.out().contains("Interrupted by Ctrl-C or SIGTERM "), child.output());
        assertCalm(child);
    }

    /**
     * Starts vtlab with {@code args} and the progress line as lines, waits until it says at least {@code trials}
     * trials are done, stops it with {@code stop}, and checks the JVM's exit code. Returns the count it saw.
     */
    private long startAndStopAfter(Path tmp, Stop stop, long trials, List<String> args) throws Exception {
        String line = startAndStopAt(tmp, stop, l -> {
            Matcher m = PROGRESS.matcher(l);
            return m.find() && Long.parseLong(m.group(1).replace(",", "")) >= trials;
        }, args);
        Matcher m = PROGRESS.matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** Starts vtlab, signals it once a line passes {@code marker}, and checks the exit code; the marker line. */
    private String startAndStopAt(Path tmp, Stop stop, Predicate<String> marker, List<String> args)
            throws Exception {
        child = ChildVtlab.start(tmp, stop == Stop.SIGINT,
                List.of("-D" + ProgressLine.Mode.TEST_PROPERTY + "=lines"), args.toArray(String[]::new));
        String line = child.awaitLine(marker, START);
        child.signal(stop);
        assertEquals(stop.exitCode(), child.waitFor(EXIT), "the JVM's exit code for " + stop + ":\n"
                + child.output());
        return line;
    }

    /** The trials in the rows of the first table in {@code text}: balance, trials, percent, interval, ... */
    private static long rowsOfTheTable(String text) {
        Matcher row = Pattern.compile("^\\s+-?\\d+\\s+(\\d+)\\s+[\\d.]+%\\s+\\[", Pattern.MULTILINE).matcher(text);
        long sum = 0;
        int end = text.indexOf("\n\n"); // the table ends at the first blank line
        while (row.find() && (end < 0 || row.start() < end)) {
            sum += Long.parseLong(row.group(1));
        }
        return sum;
    }

    private static void assertCalm(ChildVtlab child) {
        String said = child.out() + "\n" + child.err();
        for (String never : List.of("internal error", "Shutdown in progress", "Exception", "\tat ")) {
            assertFalse(said.contains(never), "'" + never + "' in:\n" + child.output());
        }
    }
}

package dev.vtlab.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format json} on every lesson: stdout is one JSON document and nothing else, with the run's real figures. */
@Timeout(30)
class FormatOptionTest {

    /** Fails on anything after the document, so a stray line on stdout is a test failure, not a skipped tail. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The whole of stdout, parsed: one object, one line break after it, nothing before or after. */
    private static JsonNode onlyDocument(Run run) throws Exception {
        String out = run.out();
        assertTrue(out.startsWith("{"), "stdout starts with the document: " + out);
        assertTrue(out.endsWith("}" + System.lineSeparator()), "stdout ends with the document: " + out);
        JsonNode doc = STRICT.readTree(out);
        assertTrue(doc.isObject(), out);
        return doc;
    }

    @Test
    void counterWithALockEndsAt20AndSaysSo(@TempDir Path tmp) throws Exception {
        Path recording = tmp.resolve("counter.jfr");
        Run run = run("counter", "--sync", "lock", "--delay", "0", "--format", "json", "--jfr=" + recording);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertEquals("counter", doc.get("lesson").asText());
        assertEquals("virtual", doc.at("/runs/0/threads").asText());
        assertEquals("lock", doc.at("/runs/0/sync").asText());
        assertEquals(2, doc.at("/runs/0/tasks").asInt());
        assertEquals(0.0, doc.at("/runs/0/delayMs").asDouble());
        assertEquals("EXPECTED", doc.get("grade").asText());
        assertEquals("./vtlab counter --sync lock --delay 0 --format json --jfr=" + recording,
                doc.get("command").asText());
        assertEquals(1, doc.get("runs").size());
        JsonNode lock = doc.at("/runs/0");
        assertEquals(20, lock.get("expected").asLong());
        assertEquals(20, lock.get("actual").asLong());
        assertEquals("consistent", lock.get("outcome").asText());
        assertEquals(0, lock.get("overwrites").size());
        assertEquals(0, lock.get("retries").asLong());
        assertEquals("EXPECTED", lock.get("grade").asText());
        assertTrue(lock.get("elapsedMs").asDouble() > 0, lock.toString());
        assertEquals(6, doc.at("/summary/model/interleavings").asLong());
        assertEquals(Runtime.getRuntime().availableProcessors(), doc.at("/machine/cores").asInt());
        assertEquals(Runtime.version().toString(), doc.at("/machine/jdk").asText());
        // the recording's notes went to stderr, out of the document's way
        assertTrue(run.err().contains("recording saved to"), run.err());
        assertTrue(Files.size(recording) > 0);
    }

    /**
     * The whole lesson (no --sync): none, then lock. Whether the unguarded run loses updates is up to the scheduler,
     * so the test asserts what holds either way: every overwrite costs exactly one increment.
     */
    @Test
    void counterWholeLessonReportsEachOverwriteOfTheUnguardedRun() throws Exception {
        Run run = run("counter", "--tasks", "4", "--delay", "2ms", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertEquals("none", doc.at("/runs/0/sync").asText());
        assertEquals("lock", doc.at("/runs/1/sync").asText());
        JsonNode none = doc.at("/runs/0");
        assertEquals("none", none.get("sync").asText());
        assertEquals(40, none.get("expected").asLong());
        int overwrites = none.get("overwrites").size();
        assertEquals(40 - 10L * overwrites, none.get("actual").asLong(), none.toString());
        assertEquals(overwrites == 0 ? "consistent" : "lost-updates", none.get("outcome").asText());
        assertEquals(overwrites == 0 ? "EXPECTED" : "INTERESTING", none.get("grade").asText());
        for (JsonNode o : none.get("overwrites")) {
            // unguarded, each task writes once: a task never buries its own write
            assertFalse(o.at("/lost/writer").asText().equals(o.at("/by/writer").asText()), o.toString());
            assertTrue(o.get("byHadRead").isIntegralNumber(), o.toString());
        }
        JsonNode lock = doc.at("/runs/1");
        assertEquals("lock", lock.get("sync").asText());
        assertEquals(40, lock.get("actual").asLong());
        assertEquals("EXPECTED", lock.get("grade").asText());
        // the model: 8! / 2^4 interleavings of 4 reads and 4 writes, every one ending somewhere from 10 to 40
        assertEquals(2520, doc.at("/summary/model/interleavings").asLong());
        long counted = 0;
        for (JsonNode ending : doc.at("/summary/model/endings")) {
            counted += ending.get("interleavings").asLong();
        }
        assertEquals(2520, counted);
        assertEquals(40, doc.at("/summary/model/endings/3/value").asLong());
    }

    @Test
    void counterOmitsTheModelBeyondSixTasks() throws Exception {
        Run run = run("counter", "--sync", "cas", "--tasks", "7", "--delay", "0", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertTrue(doc.at("/summary/model").isNull(), doc.toString());
        assertEquals(70, doc.at("/runs/0/actual").asLong());
        assertTrue(doc.at("/runs/0/retries").isIntegralNumber(), doc.toString());
    }

    @Test
    void failureReportsWhatEachWaysCallerSawAndEachSubtasksFate() throws Exception {
        Run run = run("failure", "--fail-after", "1ms", "--work", "300ms", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertEquals("failure", doc.get("lesson").asText());
        assertEquals(3, doc.at("/runs/0/setup/failing").asInt());
        assertEquals(1.0, doc.at("/runs/0/setup/failAfterMs").asDouble());
        assertEquals(300.0, doc.at("/runs/0/setup/workMs").asDouble());
        assertEquals("IllegalStateException", doc.at("/runs/0/setup/exception").asText());
        List<String> ways = new ArrayList<>();
        List<String> grades = new ArrayList<>();
        doc.get("runs").forEach(w -> {
            ways.add(w.get("way").asText());
            grades.add(w.get("grade").asText());
        });
        assertEquals(List.of("fire-and-forget", "get-in-order", "shutdown-on-failure", "shutdown-on-success",
                "deadline"), ways);
        assertEquals(List.of("INTERESTING", "INTERESTING", "EXPECTED", "EXPECTED", "EXPECTED"), grades);

        JsonNode lost = doc.at("/runs/0");
        assertEquals("returned", lost.at("/caller/saw").asText());
        assertEquals("failed", lost.at("/subtasks/2/fate").asText());
        assertEquals("IllegalStateException", lost.at("/subtasks/2/thrown").asText());
        assertEquals("completed", lost.at("/subtasks/0/fate").asText());
        assertTrue(lost.get("wastedMs").asDouble() > 0, lost.toString());

        JsonNode late = doc.at("/runs/1");
        assertEquals("threw", late.at("/caller/saw").asText());
        assertEquals("ExecutionException", late.at("/caller/exception").asText());
        assertEquals("IllegalStateException", late.at("/caller/cause").asText());
        assertTrue(late.at("/caller/causeIsTheSubtasksOwn").asBoolean(), late.toString());
        assertTrue(late.at("/caller/atMs").asDouble() >= 300, "get() waited for task 1: " + late);

        JsonNode scope = doc.at("/runs/2");
        assertEquals("threw", scope.at("/caller/saw").asText());
        assertTrue(scope.at("/caller/causeIsTheSubtasksOwn").asBoolean(), scope.toString());
        assertEquals("cancelled", scope.at("/subtasks/0/fate").asText());
        assertEquals("cancelled", scope.at("/subtasks/1/fate").asText());
        assertTrue(scope.at("/caller/atMs").asDouble() < 300, "the scope did not wait for the siblings: " + scope);

        JsonNode race = doc.at("/runs/3");
        assertEquals("returned", race.at("/caller/saw").asText());
        assertEquals("[\"task 1\"]", race.at("/caller/results").toString());
        assertEquals("completed", race.at("/subtasks/0/fate").asText());
    }

    @Test
    void failureControlHasNoExceptionAndNoWaste() throws Exception {
        Run run = run("failure", "--no-failure", "--fail-after", "1ms", "--work", "20ms", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertTrue(doc.at("/runs/0/setup/exception").isNull(), doc.toString());
        for (JsonNode way : doc.get("runs")) {
            assertEquals("EXPECTED", way.get("grade").asText(), way.toString());
            assertTrue(way.get("wastedMs").isNull(), way.toString());
            assertEquals("returned", way.at("/caller/saw").asText(), way.toString());
        }
    }

    /**
     * The lesson reruns itself in a child JVM with 2 carriers; the child's document, relayed line by line, is the
     * whole of stdout, and its recording's notes arrive on stderr.
     */
    @Test
    @Timeout(60)
    void pinningDocumentCrossesTheChildJvmIntact(@TempDir Path tmp) throws Exception {
        Path recording = tmp.resolve("pinning.jfr");
        Run run = run("pinning", "--workers", "2", "--hold", "50ms", "--tick", "5ms", "--format", "json",
                "--jfr=" + recording);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = onlyDocument(run);
        assertEquals("pinning", doc.get("lesson").asText());
        assertEquals(2, doc.at("/runs/0/setup/workers").asInt());
        assertEquals(50.0, doc.at("/runs/0/setup/holdMs").asDouble());
        assertEquals(5.0, doc.at("/runs/0/setup/tickMs").asDouble());
        assertEquals(2, doc.at("/runs/0/setup/carriers").asInt());
        JsonNode pinned = doc.at("/runs/0");
        assertEquals("synchronized", pinned.get("lock").asText());
        // JDK 21: the sleeping owner pins one carrier, the worker blocked on the monitor the other: a 50 ms stall
        assertTrue(pinned.get("stalled").asBoolean(), pinned.toString());
        assertEquals("INTERESTING", pinned.get("grade").asText());
        assertTrue(pinned.get("heartbeatWorstDelayMs").asDouble() >= 25, pinned.toString());
        JsonNode lock = doc.at("/runs/1");
        assertEquals("lock", lock.get("lock").asText());
        assertEquals(lock.get("stalled").asBoolean() ? "INTERESTING" : "EXPECTED", lock.get("grade").asText());
        for (JsonNode trial : doc.get("runs")) {
            // one worker at a time holds the lock, each for 50 ms
            assertTrue(trial.get("workersTotalMs").asDouble() >= 100, trial.toString());
            assertTrue(trial.get("expectedTicks").asInt() > 0, trial.toString());
            assertNotNull(trial.get("heartbeatTicks"), trial.toString());
        }
        assertTrue(run.err().contains("recording saved to"), run.err());
        assertTrue(Files.size(recording) > 0);
    }

    /** One rule for every lesson: --metrics prints on stdout after the lesson, so it does not go with json. */
    @ParameterizedTest
    @ValueSource(strings = {"counter", "account", "failure", "pinning"})
    void metricsWithJsonIsAUsageErrorOnEveryLesson(String lesson) {
        Run run = run(lesson, "--format", "json", "--metrics");
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertTrue(run.err().contains("--format json promises one document"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter", "account", "failure", "pinning", "bench"})
    void everyLessonSpellsFormatTheSameWayWithAnExample(String lesson) {
        Run help = run(lesson, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("text, json, html (default: text)"), help.out());
        assertTrue(help.out().contains("Example: --format html > " + lesson + ".html"), help.out());
        assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  ./vtlab " + lesson) && l.contains("--format json")),
                "an Examples: line with --format json\n" + help.out());
        Run bad = run(lesson, "--format", "yaml");
        assertEquals(ExitCode.USAGE.code(), bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("'--format': unknown value 'yaml'; use one of text, json, html"), bad.err());
    }

    @Test
    void formatIsCaseInsensitive() throws Exception {
        Run run = run("counter", "--sync", "lock", "--delay", "0", "--format", "JSON");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(20, onlyDocument(run).at("/runs/0/actual").asLong());
    }
}

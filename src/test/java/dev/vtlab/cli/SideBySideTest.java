package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vtlab.cli.CliTest.Run;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./vtlab --jdk 21,25 LESSON}: the launcher's half (finding each JDK) is LauncherTest's; this is the lab's
 * half, the hidden {@code side-by-side} command, with real child JVMs. On JDK 21 both "JDKs" are this JVM's own
 * (named 21 and 22, since the launcher's names are only labels here); on JDK 25 (tag jdk25, against the jar) the
 * first is the JDK 21 that ran Maven, and the pinning lesson shows what changed.
 */
class SideBySideTest {

    private static final String HOME = System.getProperty("java.home");

    private static Schema schema;

    @BeforeAll
    static void readTheSchema() throws Exception {
        try (InputStream in = SideBySideTest.class.getResourceAsStream("/schema/vtlab-result.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    @Timeout(120)
    void eachJdkRunsInItsOwnJvmAndTheJsonHoldsEachDocumentAndTheDifferences(@TempDir Path tmp) throws Exception {
        Path jfr = tmp.resolve("run.jfr");
        Run r = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "counter", "--delay", "0",
                "--format", "json", "--jfr=" + jfr);

        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
        assertEquals(2, doc.get("jdks").size());
        for (int i = 0; i < 2; i++) {
            JsonNode jdk = doc.get("jdks").get(i);
            assertEquals(21 + i, jdk.get("release").asInt());
            assertEquals(0, jdk.get("exitCode").asInt());
            assertEquals("counter", jdk.at("/document/lesson").asText());
            assertEquals(2, jdk.at("/document/runs").size(), "unguarded, then the lock");
            assertFalse(jdk.get("document").has("blocks"), "the blocks travel between the JVMs only");
            Path file = tmp.resolve("run-jdk" + (21 + i) + ".jfr");
            assertEquals(file.toString(), jdk.get("recording").asText());
            assertTrue(Files.size(file) > 0, "one recording per JDK");
        }
        assertFalse(Files.exists(jfr), "no file under the name given: each JDK has its own");
        assertEquals("./vtlab --jdk 21,22 counter --delay 0 --format json --jfr=" + jfr, doc.get("command").asText());
        List<String> differences = new ObjectMapper().readerForListOf(String.class).readValue(doc.get("differences"));
        assertTrue(differences.getLast().startsWith("Why: "), differences.toString());
        assertTrue(differences.getLast().contains("Nothing this lesson uses changed"), differences.toString());
    }

    @Test
    @Timeout(120)
    void textShowsEachJdksResultThenTheTableAndHtmlIsOnePage() throws Exception {
        Run text = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "pinning",
                "--workers", "2", "--hold", "40ms");
        assertEquals(0, text.exitCode(), text.err());
        String out = text.out();
        int first = out.indexOf("=== on JDK 21");
        int second = out.indexOf("=== on JDK 22");
        int table = out.indexOf("== pinning side by side: JDK 21 and JDK 22 ==");
        assertTrue(first >= 0 && first < second && second < table, out);
        assertTrue(out.indexOf("Heartbeat:", first) < second, "JDK 21's own result under its heading: " + out);
        assertTrue(out.substring(table).contains("--lock synchronized"), out);
        assertTrue(out.substring(table).contains("What differs, and why:"), out);
        assertTrue(out.contains("JEP 491"), out);
        out.lines().forEach(line -> assertTrue(line.length() <= 80, "wider than 80 columns: " + line));

        Run html = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "pinning",
                "--workers", "2", "--hold", "40ms", "--format", "html");
        assertEquals(0, html.exitCode(), html.err());
        Document page = Jsoup.parse(html.out());
        assertTrue(page.title().startsWith("vtlab "), page.title());
        assertEquals(2, page.select("svg").size(), "each JDK's heartbeat picture: " + page.select("svg").size());
        assertTrue(page.text().contains("pinning side by side"), page.text());
    }

    @Test
    @Timeout(30)
    void whatCannotBeComparedIsAUsageError() {
        Run bench = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "bench", "locks");
        assertEquals(2, bench.exitCode());
        assertTrue(bench.err().contains("counter, account, pinning or failure"), bench.err());

        Run format = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "counter",
                "--format", "yaml");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("use one of text, json, html"), format.err());

        Run metrics = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "counter",
                "--metrics");
        assertEquals(2, metrics.exitCode());
        assertTrue(metrics.err().contains("--metrics measures one JVM"), metrics.err());

        Run home = run("side-by-side", "--home", "21=/nowhere", "--", "counter");
        assertEquals(2, home.exitCode());
        assertTrue(home.err().contains("N=HOME"), home.err());
    }

    /** A child's usage error is said once, by the child, and the next JDK is not tried. */
    @Test
    @Timeout(60)
    void aBadLessonOptionEndsAfterTheFirstJdk() {
        Run r = run("side-by-side", "--home", "21=" + HOME, "--home", "22=" + HOME, "--", "counter", "--tasks",
                "0");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
    }

    /** Ctrl-C during the first JDK: its partial result is kept, and the page says the second never ran. */
    @Test
    void aRunStoppedBeforeTheLastJdkSaysWhichDidNotRun() {
        var view = new dev.vtlab.report.SideBySideView("account", "./vtlab --jdk 21,25 account",
                List.of(new dev.vtlab.report.SideBySideView.JdkRun(21, HOME, 130, null, null)), true, List.of(25));
        var doc = view.document();
        assertTrue(doc.interrupted());
        assertEquals("Stopped before JDK 25 ran: nothing to set beside JDK 21's result.",
                doc.differences().getFirst());
        assertFalse(doc.differences().stream().anyMatch(d -> d.startsWith("Every run")), doc.differences().toString());
    }

    @Test
    void theExitCodeIsTheMostSeriousOfTheJdks() {
        assertEquals(0, SideBySideCommand.exitCode(List.of(0, 0), false));
        assertEquals(3, SideBySideCommand.exitCode(List.of(0, 3), false));
        assertEquals(4, SideBySideCommand.exitCode(List.of(3, 4), false));
        assertEquals(130, SideBySideCommand.exitCode(List.of(3, 130), true));
        assertEquals(130, SideBySideCommand.exitCode(List.of(0), true));
        assertNotEquals(0, SideBySideCommand.exitCode(List.of(1, 0), false));
    }

    /**
     * On JDK 25, against the jar: the same pinning lesson on the JDK 21 that ran Maven and on this JDK 25.
     * synchronized stalls the heartbeat on 21 only, and the difference is put down to JEP 491.
     */
    @Test
    @Tag("jdk25")
    @Timeout(180)
    void pinningOn21And25ShowsJep491() throws Exception {
        String jdk21 = System.getProperty("vtlab.jdk21.home");
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 25 && jdk21 != null,
                "needs JDK 25 and the JDK 21 that ran Maven");
        Run r = run("side-by-side", "--home", "21=" + jdk21, "--home", "25=" + HOME, "--", "pinning",
                "--workers", "4", "--hold", "100ms", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
        JsonNode on21 = doc.at("/jdks/0/document/runs/0");
        JsonNode on25 = doc.at("/jdks/1/document/runs/0");
        assertEquals("synchronized", on21.get("lock").asText());
        assertEquals("INTERESTING", on21.get("grade").asText(), on21.toPrettyString());
        assertTrue(on21.get("stalled").asBoolean());
        assertEquals(25, on25.get("jdk").asInt());
        assertFalse(on25.get("pins").asBoolean());
        assertNotEquals("INTERESTING", on25.get("grade").asText(), on25.toPrettyString());
        String differences = doc.get("differences").toString();
        assertTrue(differences.contains("--lock synchronized: INTERESTING stalled"), differences);
        assertTrue(differences.contains("JEP 491"), differences);
    }
}

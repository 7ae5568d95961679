package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vtlab.testing.ChildVtlab;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C stops a course: the finished steps stay in the folder, and index.html, results.json and junit.xml say
 * where it stopped, each whole (no .part). The signal is sent once step 5's row is printed, so the course is
 * stopped during a later step, whichever the machine's speed makes it.
 */
class InterruptedCourseTest {

    private static final Pattern STOPPED = Pattern.compile(
            "course: stopped during step (\\d) of 8 \\(.*\\); (\\d) finished steps are in c/, and index.html says"
                    + " where it stopped");

    @Test
    @Timeout(120)
    void keepsTheFinishedStepsAndSaysWhereItStopped(@TempDir Path tmp) throws Exception {
        String stderr;
        try (var child = ChildVtlab.start(tmp, true, CourseCommandTest.TWO_CARRIERS, "course", "--out", "c")) {
            child.awaitLine(l -> l.startsWith("5  account  distribution"), Duration.ofSeconds(90));
            child.signal(ChildVtlab.Stop.SIGINT);
            assertEquals(ChildVtlab.Stop.SIGINT.exitCode(), child.waitFor(Duration.ofSeconds(30)), child.output());
            stderr = child.err();
        }
        Matcher said = STOPPED.matcher(stderr.strip());
        assertTrue(said.find(), stderr);
        int at = Integer.parseInt(said.group(1));
        int finished = Integer.parseInt(said.group(2));
        assertTrue(at >= 6 && finished == at - 1, stderr);

        Path out = tmp.resolve("c");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
        for (String step : List.of("1-counter-unguarded", "1-counter-cas", "2-account-distribution")) {
            assertTrue(Files.exists(out.resolve(step + ".txt")), step);
        }

        JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        try (InputStream in = getClass().getResourceAsStream("/schema/vtlab-result.schema.json")) {
            assertEquals(List.of(), SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in).validate(doc));
        }
        assertTrue(doc.get("interrupted").asBoolean());
        assertEquals("stopped", doc.at("/summary/verdict").asText());
        assertEquals(at, doc.at("/summary/stoppedAt").asInt());
        assertEquals(finished, doc.get("runs").size());
        assertEquals(8 - finished, doc.at("/summary/counts/not-run").asInt());

        Document index = Jsoup.parse(out.resolve("index.html").toFile());
        assertTrue(index.getElementById("stopped").text().contains("during step " + at + " of 8"),
                index.getElementById("stopped").text());
        assertFalse(index.select("#step-" + finished).isEmpty());
        assertTrue(index.select("#step-" + at).isEmpty());

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit/junit.xsd")).newValidator()
                .validate(new StreamSource(out.resolve("junit.xml").toFile()));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertEquals(8 - finished, junit.split("not run: the course was stopped during step " + at, -1).length - 1,
                junit);
    }
}

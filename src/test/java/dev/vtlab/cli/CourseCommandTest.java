package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vtlab.testing.ChildVtlab;
import jdk.jfr.consumer.RecordingFile;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vtlab course}, run for real once in a JVM of its own (with the 2 carriers the pinning lesson needs, so it
 * does not relaunch itself), at a budget that scales every lesson and with {@code --pause} on a stdin that is not a terminal:
 * its console, its exit code and every file of its folder, each read by what reads it (a JSON Schema validator,
 * an XML Schema and Surefire's report parser, jsoup, the JDK's recording parser). InterruptedCourseTest stops a
 * course; PauseForEnterTest runs one on a pseudo-terminal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourseCommandTest {

    static final List<String> TWO_CARRIERS = List.of("-Djdk.virtualThreadScheduler.parallelism=2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path tmp;
    private Path out;
    private int exit;
    private List<String> stdout;
    private String stderr;

    @BeforeAll
    @Timeout(150)
    void runTheCourse() throws Exception {
        tmp = Files.createTempDirectory("vtlab-course-");
        out = tmp.resolve("handout");
        try (var child = ChildVtlab.start(tmp, false, TWO_CARRIERS, "course", "--budget", "8s", "--pause",
                "--out", "handout")) {
            exit = child.waitFor(Duration.ofSeconds(120));
            stdout = child.out().lines().toList();
            stderr = child.err();
        }
    }

    @AfterAll
    void removeTheFolder() throws Exception {
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void endsWithExitCodeZeroAndARowPerStepInTeachingOrder() {
        assertEquals(0, exit, () -> String.join("\n", stdout) + "\n" + stderr);
        assertEquals("", stderr);
        var row = java.util.regex.Pattern.compile("^(\\d)  (\\w+) +(.+?)  +.*");
        List<String> rows = stdout.stream().map(row::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
        assertEquals(List.of("1 counter unguarded", "2 counter synchronized", "3 counter lock", "4 counter cas",
                "5 account distribution", "6 account forced order", "7 pinning two locks", "8 failure five ways"),
                rows, String.join("\n", stdout));
        assertTrue(stdout.contains("What the course showed:"), String.join("\n", stdout));
    }

    /** The budget line says what it did; --pause on a pipe says it does not pause; every line fits 80 columns. */
    @Test
    void saysWhatTheBudgetDidAndThatItDoesNotPauseOnAPipe() {
        String text = String.join("\n", stdout);
        // the defaults take 12-14 s here, and more by the budget's guesses, so 8 s always scales
        assertTrue(text.contains("Budget 8.0 s: the defaults take about "), text);
        assertTrue(text.contains("Scaled to keep to the budget: 1 counter --delay "), text);
        assertTrue(text.contains("--pause: stdin is not a terminal, so the course does not pause."), text);
        assertFalse(text.contains("Press Enter"), text);
        assertTrue(text.contains("Took ") && text.contains(" of a budget of 8.0 s"), text);
        for (String line : stdout) {
            assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
        }
    }

    /** Every kind of file, whole: no .part is left. */
    @Test
    void leavesEveryFileAndNoPart() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>(List.of("index.html", "junit.xml", "results.json"));
        for (String lesson : List.of("1-counter", "2-account", "3-pinning", "4-failure")) {
            expected.add(lesson + ".jfr");
            expected.add(lesson + ".jfr.txt");
        }
        for (String step : List.of("1-counter-unguarded", "1-counter-synchronized", "1-counter-lock",
                "1-counter-cas", "2-account-distribution", "2-account-forced-order", "3-pinning-two-locks",
                "4-failure-five-ways")) {
            expected.add(step + ".txt");
        }
        assertEquals(expected.stream().sorted().toList(), names);
    }

    @Test
    void resultsJsonFollowsTheOneSchemaWithEveryLessonsDocument() throws Exception {
        JsonNode doc = JSON.readTree(out.resolve("results.json").toFile());
        try (InputStream in = getClass().getResourceAsStream("/schema/vtlab-result.schema.json")) {
            var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            assertEquals(List.of(), schema.validate(doc));
        }
        assertEquals("course", doc.get("lesson").asText());
        assertEquals(8, doc.get("runs").size());
        for (JsonNode step : doc.get("runs")) {
            assertEquals(step.get("lesson").asText(), step.at("/document/lesson").asText(), step.toString());
            assertEquals(step.get("command").asText(), step.at("/document/command").asText());
            assertTrue(List.of("shown", "inconclusive").contains(step.get("verdict").asText()), step.toString());
        }
        assertEquals(8000.0, doc.at("/summary/budgetMs").asDouble());
        assertFalse(doc.at("/summary/scaled").isEmpty(), doc.get("summary").toString());
        assertEquals(4, doc.at("/summary/lessons").size());
    }

    @Test
    void junitXmlIsValidAndSurefireReadsEveryStep() throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit/junit.xsd")).newValidator()
                .validate(new StreamSource(out.resolve("junit.xml").toFile()));
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(out.resolve("junit.xml").toString());
        assertEquals(8, suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum());
        assertEquals(0, suites.stream().mapToInt(s -> s.getNumberOfFailures() + s.getNumberOfErrors()).sum());
    }

    /** The index holds each lesson's pictures and commands; the JDK it ran on. (CourseHtmlTest: in Chromium.) */
    @Test
    void indexHtmlHasEachLessonsPicturesAndCommands() throws Exception {
        Document doc = Jsoup.parse(out.resolve("index.html").toFile());
        for (int lesson = 1; lesson <= 4; lesson++) {
            Element section = doc.getElementById("lesson-" + lesson);
            assertTrue(section != null && !section.select("section.page svg").isEmpty(), "lesson " + lesson);
        }
        assertEquals(8, doc.select("table.commands code").size());
        assertTrue(doc.select("table.commands code").eachText().stream().allMatch(c -> c.startsWith("./vtlab ")));
        assertTrue(doc.select("header dl.run").text().contains("JDK " + Runtime.version()));
        assertEquals(null, doc.getElementById("stopped"));
    }

    /** Each lesson's recording opens, holds the lab's events, and has its vtlab jfr summary beside it. */
    @Test
    void eachLessonsRecordingOpensWithTheLabsEventsAndItsSummary() throws Exception {
        for (String lesson : List.of("1-counter", "2-account", "3-pinning", "4-failure")) {
            long lab = RecordingFile.readAllEvents(out.resolve(lesson + ".jfr")).stream()
                    .filter(e -> e.getEventType().getName().startsWith("vtlab.")).count();
            assertTrue(lab > 0, lesson + ": no vtlab events");
            assertFalse(Files.readString(out.resolve(lesson + ".jfr.txt")).isBlank(), lesson);
        }
    }

    /** Bad options are usage errors, said before anything runs or is created. */
    @Test
    @Timeout(20)
    void aBudgetTooShortOrAnOutThatIsAFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        for (List<String> args : List.of(List.of("course", "--budget", "4s", "--out", dir.resolve("a").toString()),
                List.of("course", "--out", file.toString()))) {
            var err = new StringWriter();
            int code = Cli.create(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute(args.toArray(String[]::new));
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().startsWith("./vtlab course: Invalid value for option '"), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("a")));
    }
}

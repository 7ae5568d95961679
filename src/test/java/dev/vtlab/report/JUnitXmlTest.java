package dev.vtlab.report;

import dev.vtlab.course.Judgement;
import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Syllabus;
import dev.vtlab.course.Verdict;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vtlab course}'s junit.xml, for a course that has a step of every verdict and was stopped half-way: valid
 * against the JUnit XML schema the tests vendor ({@code junit/junit.xsd}), and read by Maven Surefire's own report
 * parser as a CI server reads it: FORBIDDEN is a failure, an inconclusive race and a step not run are skipped with
 * their reasons, a step that could not run is an error, times are seconds.
 */
@Timeout(20)
class JUnitXmlTest {

    private static final List<Step> STEPS = Syllabus.steps();

    /** Steps 1-4: shown, inconclusive, FAILED, ERROR; the course stopped during step 5. */
    static Course course() {
        List<Done> done = new ArrayList<>();
        done.add(done(0, new Judgement(Verdict.SHOWN, "lost an update: 10, not 20"), 250, 0, null));
        done.add(done(1, new Judgement(Verdict.INCONCLUSIVE, "no update lost this time: 20"), 1500, 0, null));
        done.add(done(2, new Judgement(Verdict.FAILED, "lost an update under the guard: 10, not 20"), 2, 3, null));
        // a colour code and a control character in a message: XML 1.0 cannot carry them
        done.add(done(3, new Judgement(Verdict.ERROR, "\u001b[31mboom\u001b[0m\u0007 at once"), 10, 4,
                "--jfr: cannot write"));
        return new Course("./vtlab course --budget 20s", new Page.Machine("21.0.9+10", "Vendor & Co", 2),
                LocalDateTime.of(2026, 11, 30, 12, 0, 5, 123), "course-x", Duration.ofSeconds(20),
                Duration.ofSeconds(13), STEPS, done, List.of(), STEPS.get(4), Duration.ofMillis(4321));
    }

    private static Done done(int index, Judgement judgement, long millis, int exitCode, String error) {
        return new Done(STEPS.get(index), Knobs.DEFAULTS, null, judgement, Duration.ofMillis(millis), exitCode, error,
                null);
    }

    private static Schema schema() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitXmlTest.class.getResource("/junit/junit.xsd"));
    }

    @Test
    void isValidAgainstTheJUnitSchema() throws Exception {
        String xml = JUnitXml.of(course());
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    /** The schema can fail: a time with a unit, or a test case with both a failure and a skip, is refused. */
    @Test
    void theSchemaRefusesATimeWithAUnitAndATestThatBothFailedAndWasSkipped() throws Exception {
        String xml = JUnitXml.of(course());
        String unit = xml.replaceFirst("time=\"4\\.321\"", "time=\"4.321 s\"");
        assertFalse(unit.equals(xml), "the suite's time is in seconds, to the millisecond: " + xml);
        assertThrows(SAXException.class, () -> schema().newValidator()
                .validate(new StreamSource(new StringReader(unit))));
        String both = xml.replaceFirst("<skipped ", "<failure message=\"x\"/><skipped ");
        assertThrows(SAXException.class, () -> schema().newValidator()
                .validate(new StreamSource(new StringReader(both))));
    }

    @Test
    void surefiresParserReadsEveryStepWithItsOutcome(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("junit.xml");
        Files.writeString(file, JUnitXml.of(course()), StandardCharsets.UTF_8);
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(file.toString());

        // Surefire files test cases under their class, a suite per lesson, as it does a build's own tests
        assertEquals(List.of("vtlab.course.counter", "vtlab.course.account", "vtlab.course.pinning",
                "vtlab.course.failure"), suites.stream().map(ReportTestSuite::getFullClassName).toList());
        assertEquals(STEPS.size(), suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum());
        assertEquals(1 + STEPS.size() - 4, suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum(),
                "the inconclusive step and those not run");

        List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
        assertEquals(STEPS.size(), cases.size());
        ReportTestCase shown = cases.get(0);
        assertTrue(shown.isSuccessful(), shown.toString());
        assertEquals("1 unguarded", shown.getName());
        assertEquals("vtlab.course.counter", shown.getFullClassName());
        assertEquals(0.25f, shown.getTime(), 0.0005f, "seconds");

        assertTrue(cases.get(1).hasSkipped(), cases.get(1).toString());
        assertEquals("inconclusive: no update lost this time: 20", cases.get(1).getFailureMessage());

        ReportTestCase forbidden = cases.get(2);
        assertTrue(forbidden.hasFailure(), forbidden.toString());
        assertEquals("FORBIDDEN", forbidden.getFailureType());
        assertEquals("lost an update under the guard: 10, not 20", forbidden.getFailureMessage());

        ReportTestCase error = cases.get(3);
        assertTrue(error.hasError(), error.toString());
        assertEquals("boom at once", error.getFailureMessage(), "colour codes and control characters removed");

        for (ReportTestCase notRun : cases.subList(4, cases.size())) {
            assertTrue(notRun.hasSkipped(), notRun.toString());
            assertEquals("not run: the course was stopped during step 5", notRun.getFailureMessage());
        }
    }

    /** The machine and the JDK, for a CI job that compares one with another; the budget and where it stopped. */
    @Test
    void propertiesNameTheJdkTheMachineAndWhereTheCourseStopped() throws Exception {
        var doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(JUnitXml.of(course()))));
        var properties = doc.getElementsByTagName("property");
        var found = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < properties.getLength(); i++) {
            var p = (org.w3c.dom.Element) properties.item(i);
            found.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertEquals("21.0.9+10", found.get("java.version"));
        assertEquals("Vendor & Co", found.get("java.vendor"));
        assertEquals("2", found.get("cores"));
        assertEquals(System.getProperty("os.arch"), found.get("os.arch"));
        assertEquals("stopped", found.get("vtlab.verdict"));
        assertEquals("step 5 of " + STEPS.size(), found.get("vtlab.stoppedAt"));
        assertEquals("2026-11-30T12:00:05", doc.getDocumentElement().getAttribute("timestamp"));
    }
}

package dev.vtlab.report;

import dev.vtlab.course.Step;
import dev.vtlab.course.Verdict;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The course as JUnit XML, for a CI job: one {@code testsuite}, one {@code testcase} per step. A step that showed
 * its point passes; a FAILED one (FORBIDDEN, or a forced order that did not force) is a {@code failure}; an
 * inconclusive race is {@code skipped} with the reason; a step that could not run is an {@code error}, and one a
 * signal kept from running is skipped. The machine and the JDK are {@code properties}; times are seconds.
 *
 * <p>The shape is the one the Ant and Jenkins JUnit schema describes ({@code JUnit.xsd}, which the tests vendor and
 * validate against), and Maven Surefire's report parser reads it. A test's name is the step's, without its
 * settings, so that a CI server follows the same test from run to run whatever the budget scaled.
 */
public final class JUnitXml {

    /** The schema's timestamp: local time to the second, with no zone. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT);

    private JUnitXml() {
    }

    /** The whole document. */
    public static String of(Course c) {
        var buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            Map<Verdict, Integer> n = c.counts();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "vtlab.course");
            xml.writeAttribute("timestamp", TIMESTAMP.format(c.started()));
            // The schema wants a host; a file handed to a class need not carry the machine's name.
            xml.writeAttribute("hostname", "localhost");
            xml.writeAttribute("tests", Integer.toString(c.steps().size()));
            xml.writeAttribute("failures", Integer.toString(n.get(Verdict.FAILED)));
            xml.writeAttribute("errors", Integer.toString(n.get(Verdict.ERROR)));
            xml.writeAttribute("skipped", Integer.toString(n.get(Verdict.INCONCLUSIVE) + n.get(Verdict.NOT_RUN)));
            xml.writeAttribute("time", seconds(c.took()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (var property : properties(c).entrySet()) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", property.getKey());
                xml.writeAttribute("value", clean(property.getValue()));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (Step step : c.steps()) {
                Done done = c.done().stream().filter(d -> d.step().equals(step)).findFirst().orElse(null);
                testcase(xml, c, step, done);
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(String.join("\n", TextRenderer.lines(CourseReport.closing(c)))) + "\n");
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeEmptyElement("system-err");
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        return buffer.toString();
    }

    private static void testcase(XMLStreamWriter xml, Course c, Step step, Done done) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        Verdict verdict = done == null ? Verdict.NOT_RUN : done.judgement().verdict();
        boolean empty = verdict == Verdict.SHOWN;
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", step.number() + " " + step.name());
        xml.writeAttribute("classname", "vtlab.course." + step.lesson().name());
        xml.writeAttribute("time", seconds(done == null ? Duration.ZERO : done.took()));
        if (empty) {
            return;
        }
        xml.writeCharacters("\n    ");
        switch (verdict) {
            case SHOWN -> throw new IllegalStateException("a step that showed its point has no child");
            case INCONCLUSIVE -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean("inconclusive: " + done.judgement().showed()));
                xml.writeCharacters(clean(done.command()));
            }
            case NOT_RUN -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", c.stoppedAt() == null ? "not run"
                        : "not run: the course was stopped during step " + c.stoppedAt().number());
            }
            case FAILED -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", clean(done.judgement().showed()));
                xml.writeAttribute("type", "FORBIDDEN");
                xml.writeCharacters(clean(done.command()));
            }
            case ERROR -> {
                xml.writeStartElement("error");
                xml.writeAttribute("message", clean(done.judgement().showed()));
                xml.writeAttribute("type", "exit code " + done.exitCode());
                xml.writeCharacters(clean(done.command() + (done.error() == null ? "" : "\n" + done.error())));
            }
        }
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** Where and how the course ran: what a CI job needs to tell one machine's or JDK's verdict from another's. */
    private static Map<String, String> properties(Course c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vtlab.command", c.command());
        p.put("vtlab.verdict", CourseReport.overall(c));
        p.put("vtlab.budget", c.budget() == null ? "none" : seconds(c.budget()));
        List<String> scaled = c.scaled();
        p.put("vtlab.scaled", scaled.isEmpty() ? "none" : String.join("; ", scaled));
        if (c.stoppedAt() != null) {
            p.put("vtlab.stoppedAt", "step " + c.stoppedAt().number() + " of " + c.steps().size());
        }
        p.put("java.version", c.machine().jdk());
        p.put("java.vendor", String.valueOf(c.machine().vendor()));
        p.put("java.vm.name", String.valueOf(System.getProperty("java.vm.name")));
        p.put("os.name", String.valueOf(System.getProperty("os.name")));
        p.put("os.arch", String.valueOf(System.getProperty("os.arch")));
        p.put("cores", Integer.toString(c.machine().cores()));
        return p;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    /** XML 1.0 cannot carry control characters other than tab and line breaks (a colour code's ESC, say). */
    private static String clean(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "");
    }
}

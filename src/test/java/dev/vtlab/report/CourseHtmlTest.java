package dev.vtlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtlab.course.Judgement;
import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Syllabus;
import dev.vtlab.course.Verdict;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import dev.vtlab.report.CourseReport.LessonDone;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The course's index.html, made from the real lessons' pages ({@link LessonPages}): read with jsoup as a browser
 * builds it (one self-contained document, a contents whose every link lands, each lesson's pictures in its
 * section, the commands to repeat each step, the JDK and the machine), and, where Chromium is installed, loaded
 * in it: no request beyond the page, no error, every picture drawn at a sane size.
 */
@Timeout(90)
class CourseHtmlTest {

    private static final List<Step> STEPS = Syllabus.steps();

    /** Each step with its lesson's real page; the pinning lesson's recording summarised by vtlab jfr's page. */
    private static Course course(int stepsDone) throws Exception {
        Map<String, Page> pages = LessonPages.all();
        List<Done> done = new ArrayList<>();
        for (Step step : STEPS.subList(0, stepsDone)) {
            Page page = pages.get("lesson-" + step.lesson().name());
            done.add(new Done(step, Knobs.DEFAULTS, page, new Judgement(Verdict.SHOWN, "what <it> showed"),
                    Duration.ofMillis(100), 0, null, step.file() + ".txt"));
        }
        List<LessonDone> lessons = done.stream().map(d -> d.step().lesson()).distinct()
                .filter(l -> done.stream().filter(d -> d.step().lesson().equals(l)).count()
                        == STEPS.stream().filter(s -> s.lesson().equals(l)).count())
                .map(l -> new LessonDone(l, Duration.ofSeconds(1), l.file() + ".jfr", l.file() + ".jfr.txt",
                        pages.get("lesson-jfr"), null)).toList();
        return new Course("./vtlab course --out /tmp/c", Page.Machine.current(), LocalDateTime.now(), "/tmp/c", null,
                Duration.ofSeconds(10), STEPS, done, lessons, stepsDone < STEPS.size() ? STEPS.get(stepsDone) : null,
                Duration.ofSeconds(9));
    }

    /** How many pictures a page's blocks make. */
    private static long pictures(Page page) {
        return page.blocks().stream().filter(b -> b instanceof Block.Bars || b instanceof Block.Lanes
                || b instanceof Block.Ticks || b instanceof Block.Gantt).count();
    }

    @Test
    void fetchesNothingRunsNoScriptAndEveryIdIsUnique() throws Exception {
        Document doc = Jsoup.parse(CourseHtml.of(course(STEPS.size())));
        assertTrue(doc.select("script, link, img, iframe, object, embed, base, form").isEmpty());
        Set<String> ids = new HashSet<>();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().startsWith("on"), () -> "event handler " + a);
                if (a.getKey().equals("href") || a.getKey().equals("src")) {
                    assertTrue(a.getValue().startsWith("#"), () -> "a reference out of the page: " + a);
                }
            }
            if (!e.id().isEmpty()) {
                assertTrue(ids.add(e.id()), "id used twice: " + e.id());
            }
        }
        assertEquals(1, doc.select("style").size(), "one stylesheet for every page in it");
        assertNotNull(doc.selectFirst("meta[http-equiv=Content-Security-Policy]"));
    }

    @Test
    void theContentsLinkEveryLessonAndStepToItsSection() throws Exception {
        Document doc = Jsoup.parse(CourseHtml.of(course(STEPS.size())));
        List<String> targets = doc.select("nav#contents a").eachAttr("href");
        assertEquals(1 + Syllabus.LESSONS.size() + STEPS.size(), targets.size(), targets.toString());
        for (String href : targets) {
            assertNotNull(doc.getElementById(href.substring(1)), "a link to nothing: " + href);
        }
        for (Step step : STEPS) {
            assertTrue(targets.contains("#step-" + step.number()), targets.toString());
        }
    }

    /** Each lesson's section holds its steps' pictures as SVG, and the commands that repeat them. */
    @Test
    void eachLessonHasItsPicturesAndTheCommandsToRepeatItsSteps() throws Exception {
        Course course = course(STEPS.size());
        Document doc = Jsoup.parse(CourseHtml.of(course));
        for (Step.Lesson lesson : Syllabus.LESSONS) {
            Element section = doc.getElementById("lesson-" + lesson.number());
            assertNotNull(section, lesson.name());
            long expected = course.done().stream().filter(d -> d.step().lesson().equals(lesson))
                    .mapToLong(d -> pictures(d.page())).sum() + pictures(LessonPages.all().get("lesson-jfr"));
            assertTrue(expected > 0, lesson.name() + " has pictures");
            assertEquals(expected, section.select("svg").size(), lesson.name());
            List<String> commands = section.select("table.commands code").eachText();
            assertEquals(STEPS.stream().filter(s -> s.lesson().equals(lesson)).map(s -> s.command(Knobs.DEFAULTS))
                    .toList(), commands);
            assertEquals(1, section.select("details.recording").size(), "the recording's summary, folded");
        }
        String ranOn = doc.select("header dl.run dd").eachText().toString();
        assertTrue(ranOn.contains("JDK " + Runtime.version()) && ranOn.contains(System.getProperty("os.arch")),
                ranOn);
        assertEquals("Step 1, unguarded: shown what <it> showed", doc.selectFirst("#step-1").text(),
                "escaped once, shown as typed");
    }

    /** A stopped course says where, links only the steps that ran, and lists the others as not run. */
    @Test
    void aStoppedCourseSaysWhereAndListsTheStepsNotRun() throws Exception {
        Document doc = Jsoup.parse(CourseHtml.of(course(5)));
        Element stopped = doc.getElementById("stopped");
        assertNotNull(stopped);
        assertTrue(stopped.text().contains("during step 6 of " + STEPS.size() + " (account, forced order)"),
                stopped.text());
        assertEquals(5, doc.select("nav#contents a[href^=#step-]").size());
        assertEquals(STEPS.size() - 5, doc.select("nav#contents ol ol > li:contains(not run)").size());
        assertEquals(null, doc.getElementById("step-6"));
        assertEquals(null, doc.getElementById("recording-2"), "the account lesson did not finish");
        assertNotNull(doc.getElementById("recording-1"));
    }

    /** In a real browser: nothing fetched, no error, and every picture of every lesson drawn at a sane size. */
    @Test
    void rendersInChromiumWithEveryLessonsPictures() throws Exception {
        Optional<java.nio.file.Path> browser = Chromium.find();
        if (browser.isEmpty() && "1".equals(System.getenv("VTLAB_REQUIRE_CHROMIUM"))) {
            throw new AssertionError("headless Chromium not found; VTLAB_REQUIRE_CHROMIUM=1 makes that a failure");
        }
        assumeTrue(browser.isPresent(), "headless Chromium not found: HtmlBrowserTest says where it looks");
        Course course = course(STEPS.size());
        String html = CourseHtml.of(course);
        try (Chromium chromium = Chromium.start(browser.get(), Duration.ofSeconds(40));
             Chromium.Tab tab = chromium.open("http://vtlab.invalid/index.html", html)) {
            tab.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1000, "height", 800,
                    "deviceScaleFactor", 1, "mobile", false));
            tab.load();
            for (Step.Lesson lesson : Syllabus.LESSONS) {
                // open the folded recording too: its pictures must draw as well once a reader opens it
                JsonNode sizes = tab.evaluate("(() => { const s = document.getElementById('lesson-"
                        + lesson.number() + "'); s.querySelectorAll('details').forEach(d => d.open = true);"
                        + " return JSON.stringify([...s.querySelectorAll('svg')].map(v => {"
                        + " const r = v.getBoundingClientRect(); return [r.width, r.height]; })); })()");
                JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sizes.asText());
                assertTrue(list.size() > 0, lesson.name() + ": no pictures");
                for (JsonNode wh : list) {
                    assertTrue(wh.get(0).asDouble() > 100 && wh.get(1).asDouble() > 20,
                            lesson.name() + ": a picture drawn at " + wh);
                }
            }
            assertEquals(List.of(), tab.requests, "requests that left the page");
            assertEquals(List.of(), tab.errors, "errors the page reported");
        }
    }
}

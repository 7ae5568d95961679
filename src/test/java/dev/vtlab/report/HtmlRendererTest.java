package dev.vtlab.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML page's structure, read with an HTML5 parser (jsoup builds the tree a browser would), so that it is
 * checked on a machine without Chromium too: HtmlBrowserTest renders the same pages in a real browser.
 */
@Timeout(20)
class HtmlRendererTest {

    /** Every sample page, then every real lesson's page. */
    static Stream<String> pageNames() throws Exception {
        return LessonPages.andSamples().keySet().stream();
    }

    private static Document parse(Page page) {
        return Jsoup.parse(SamplePages.html(page));
    }

    /** A page loads nothing: no script, link, image or frame, no URL but a fragment, and a policy that says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pageNames")
    void fetchesNothingAndRunsNoScript(String name) throws Exception {
        String html = SamplePages.html(LessonPages.andSamples().get(name));
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("script, link, img, iframe, object, embed, audio, video, source, base, form")
                .isEmpty(), () -> "elements that fetch or run: " + doc.select("script, link, img, iframe"));
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase();
                assertFalse(key.startsWith("on"), () -> "event handler " + a + " on " + e.tagName());
                if (key.equals("href") || key.equals("src") || key.equals("xlink:href")) {
                    assertTrue(a.getValue().startsWith("#"), () -> "a reference out of the page: " + a);
                }
            }
        }
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
        while (urls.find()) {
            assertTrue(urls.group(1).startsWith("#"), "a CSS url() out of the page: " + urls.group());
        }
        assertFalse(html.contains("@import") || html.contains("@font-face"), "CSS that fetches");
        Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertNotNull(csp, "the policy that makes the browser refuse any fetch");
        assertTrue(csp.attr("content").startsWith("default-src 'none'"), csp.attr("content"));
    }

    /** Every picture is an SVG with a title, a description and a size, and its figures in a table under it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pageNames")
    void everyPictureHasATextAlternative(String name) throws Exception {
        Page page = LessonPages.andSamples().get(name);
        Document doc = parse(page);
        long pictures = page.blocks().stream().filter(b -> b instanceof Block.Bars || b instanceof Block.Lanes
                || b instanceof Block.Ticks || b instanceof Block.Gantt).count();
        Elements svgs = doc.select("svg");
        assertEquals(pictures, svgs.size(), "one SVG per picture block");
        for (Element svg : svgs) {
            assertEquals("img", svg.attr("role"));
            assertTrue(svg.attr("viewBox").matches("0 0 720 [0-9.]+"), svg.attr("viewBox"));
            double height = Double.parseDouble(svg.attr("height"));
            assertTrue(height > 20 && height < 5000, "height " + height);
            Element title = svg.selectFirst("> title");
            Element desc = svg.selectFirst("> desc");
            assertNotNull(title, "title");
            assertNotNull(desc, "desc");
            assertFalse(desc.text().isBlank());
            assertEquals(title.id() + " " + desc.id(), svg.attr("aria-labelledby"));
            Element figure = svg.parent();
            assertEquals("figure", figure.tagName());
            assertNotNull(figure.selectFirst("figcaption"));
            assertNotNull(figure.selectFirst("details > summary"), "the figures' table, folded");
            assertNotNull(figure.selectFirst("details table thead th"), "the figures' table has headings");
        }
        List<String> ids = doc.select("[id]").eachAttr("id");
        assertEquals(ids.size(), ids.stream().distinct().count(), "ids are unique: " + ids);
        assertFalse(SamplePages.html(page).matches("(?s).*(NaN|Infinity).*"), "a number that is not one");
    }

    /** The head says how to repeat the run, where it ran, and its grade in word, colour class and shape. */
    @Test
    void headSaysTheCommandTheMachineAndTheGrade() {
        Document doc = parse(SamplePages.counter());
        assertEquals("vtlab counter: A lost update, a compare-and-set and a lock", doc.title());
        assertEquals("A lost update, a compare-and-set and a lock", doc.selectFirst("h1").text());
        Map<String, String> facts = Map.of(
                "Repeat the run", "./vtlab counter --sync none,cas,lock --threads virtual --delay 100ms",
                "Ran on", "JDK 21.0.5+11-LTS (Eclipse Adoptium), 2 cores",
                "Grade", "INTERESTING (the worst of the runs)");
        facts.forEach((term, value) -> {
            Element dt = doc.select("dl.run dt").stream().filter(e -> e.text().equals(term)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + term));
            assertEquals(value, dt.nextElementSibling().text());
        });
        assertEquals("INTERESTING", doc.selectFirst("dl.run .grade.g-interesting").text());
        assertTrue(doc.select(".interrupted").isEmpty());
        assertTrue(parse(SamplePages.hostile()).selectFirst(".interrupted").text().startsWith("Interrupted."));
        assertTrue(parse(SamplePages.bench()).select("dl.run dt").eachText().stream().noneMatch("Grade"::equals),
                "bench is not graded");
    }

    /** Hostile strings in every text field come out as the same text, never as markup, and the page is ASCII. */
    @Test
    void everyStringFromAUserIsText() {
        String html = SamplePages.html(SamplePages.hostile());
        assertTrue(html.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "ASCII only");
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("script, img").isEmpty(), "markup got through");
        assertEquals(1, doc.select("style").size(), "a </style> got through");
        String shown = SamplePages.HOSTILE.replace("\u0007", "\ufffd").replace("\u001b[31m", "")
                .replace("\u001b[0m", "").replace("\ud800", "\ufffd");
        assertEquals("vtlab " + shown + ": " + shown, doc.title());
        assertEquals(shown, doc.selectFirst("h1").text());
        assertEquals("./vtlab counter --sync " + shown, doc.selectFirst("dl.run code").text());
        assertTrue(doc.selectFirst("pre.story").wholeText().startsWith(shown), doc.selectFirst("pre.story")
                .wholeText());
        for (Element svg : doc.select("svg")) {
            assertEquals(shown, svg.selectFirst("title").text());
        }
    }

    /** A paragraph in a grade's tone is the verdict: framed in the grade, led by the grade's word. */
    @Test
    void aParagraphThatSaysAGradeIsTheVerdict() {
        Document doc = parse(SamplePages.account());
        Element verdict = doc.selectFirst("p.verdict.g-interesting");
        assertNotNull(verdict);
        assertTrue(verdict.text().startsWith("INTERESTING Race shown: 1000 of 1000 trials"), verdict.text());
        Element spoken = parse(SamplePages.pinning()).selectFirst("p.verdict.g-expected");
        assertTrue(spoken.text().startsWith("EXPECTED: the heartbeat kept ticking."), "no second word: "
                + spoken.text());
    }

    /** A task's name has one colour wherever it appears, picked as the terminal picks it, so both agree. */
    @Test
    void aTaskKeepsItsColourOnEveryLine() {
        Page page = new Page(Page.SCHEMA, "counter", "t", "./vtlab counter", null, null, false, List.of(), null,
                List.of(new Block.Para(List.of(new Block.Span("task 1", Block.Tone.TASK), Block.Span.plain(": read"),
                        new Block.Span("task 2", Block.Tone.TASK)), 0, 0),
                        new Block.Para(List.of(new Block.Span("task 1", Block.Tone.TASK)), 0, 0)));
        Elements tasks = parse(page).select("span.task");
        assertEquals(List.of("task 1", "task 2", "task 1"), tasks.eachText());
        assertEquals(tasks.get(0).className(), tasks.get(2).className());
        assertEquals("task task-" + Math.floorMod("task 2".hashCode(), 4), tasks.get(1).className());
        assertTrue(parse(page).select("dl.run dt").eachText().equals(List.of("Repeat the run")),
                "no machine and no grade: neither is made up");
    }

    /** Rows printed one by one (the failure lesson's ways) read as one table with one heading. */
    @Test
    void neighbouringTablesOfTheSameColumnsAreOne() {
        Document doc = parse(SamplePages.failure());
        Element table = doc.selectFirst("main > div.scroll > table");
        assertEquals(List.of("way", "at ms", "wasted", "the caller saw, then the siblings"),
                table.select("thead th").eachText());
        Elements rows = table.select("tbody > tr");
        assertEquals(4, rows.size());
        assertEquals(List.of("g-interesting", "g-interesting", "g-expected", "g-expected"),
                rows.eachAttr("class"));
        assertEquals("siblings cancelled: 51, 52 ms", rows.get(2).selectFirst("td:last-child .under").text());
        assertEquals(List.of("num"), List.of(rows.get(0).child(1).className()), "numbers are right-aligned");
        assertEquals(1, doc.select("main > div.scroll > table").size());
    }

    /**
     * Text under a row: under the last column when it is text, one line per line break; on a row of its own
     * across the table when the last column is a number (a recording's run under its duration).
     */
    @Test
    void textUnderARowGoesWhereItFits() {
        Document doc = parse(SamplePages.jfr());
        Elements tables = doc.select("main table");
        Element inCell = tables.get(0).selectFirst("tbody td:last-child > div.under");
        assertTrue(inCell.wholeText().contains(".hold(PinningLesson.java:201)\nby pinning-worker-1"),
                inCell.wholeText());
        Elements runs = tables.get(1).select("tbody > tr");
        assertEquals(List.of("has-under", "under-row", "has-under", "under-row"), runs.eachAttr("class"));
        assertEquals("3", runs.get(1).child(0).attr("colspan"));
        assertEquals("--lock lock --workers 3 --hold 200ms -> kept ticking: worst delay 4.1 ms",
                runs.get(3).text());
        assertTrue(doc.selectFirst("head > style").data().contains("white-space: pre-line"), "line breaks kept");
    }

    /** Bars: a bar, a whisker and a dashed predicted bar per ending, the grade in word and pattern. */
    @Test
    void barsDrawEachEndingWithItsIntervalAndPrediction() {
        Element svg = parse(SamplePages.account()).select("figure svg").get(1);
        assertEquals(3, svg.select("rect.predicted").size() - 1, "one per ending, and one in the legend");
        assertEquals(3, svg.select("g.whisker").size());
        List<String> words = svg.select("text.g-interesting, text.g-expected, text.g-forbidden").eachText();
        assertEquals(List.of("INTERESTING", "EXPECTED", "INTERESTING"), words);
        assertNotNull(svg.selectFirst("pattern[id=fig2-interesting]"), "INTERESTING is striped, not only amber");
        assertTrue(svg.select("rect.fill-interesting[style*=url(#fig2-interesting)]").size() >= 2);
        Element table = svg.parent().selectFirst("details table");
        assertEquals(List.of("ending", "meaning", "trials", "of", "share", "95 % interval", "predicted", "grade"),
                table.select("th").eachText());
        assertEquals(List.of("-50", "deposit lost", "500", "1000", "50.0 %", "46.9 to 53.1 %", "33.3 %",
                "INTERESTING"), table.selectFirst("tbody tr").select("td").eachText());
    }

    /** Lanes: a lane per task, a mark per step by kind, and the overwritten write ringed and named. */
    @Test
    void lanesMarkEveryStepAndTheLostWrite() {
        Document doc = parse(SamplePages.counter());
        Elements figures = doc.select("figure svg");
        Element race = figures.get(0);
        assertEquals(2 + 1, race.select("circle.read").size(), "two reads and the legend's");
        assertEquals(2 + 1, race.select("rect.write").size());
        assertEquals(1 + 1, race.select("circle.lost").size(), "the lost write, and the legend's");
        assertTrue(race.select("text.lost").eachText().contains("write 10 (lost)"));
        assertTrue(race.select("text.label").eachText().containsAll(List.of("task 1", "task 2")));
        assertEquals(1, figures.get(1).select("g.retry").size(), "the failed compare-and-set");
        assertEquals(1 + 1, figures.get(2).select("rect.wait").size(), "task 2's wait, and the legend's");
        Element steps = race.parent().selectFirst("details table");
        assertEquals(8, steps.select("tbody tr").size());
        assertEquals("bad", steps.select("tbody tr").get(4).className(), "the lost write's row");
    }

    /** A trial among many can start its steps late: the lanes then zoom to the steps, labels still in its time. */
    @Test
    void lanesThatStartLateGiveTheStepsTheWidth() {
        Block.Lanes late = new Block.Lanes("late", List.of("deposit", "withdrawal"), List.of(
                new Block.LaneStep(127.3, "deposit", "read", "read 100", false),
                new Block.LaneStep(128.1, "withdrawal", "read", "read 100", false),
                new Block.LaneStep(156.2, "deposit", "write", "write 150", true),
                new Block.LaneStep(157.9, "withdrawal", "write", "write -50", false)), true);
        Page page = new Page(Page.SCHEMA, "account", "t", null, null, null, false, List.of(), null, List.of(late));
        List<String> labels = parse(page).select("svg text.small.muted").eachText();
        assertEquals("125", labels.getFirst(), labels.toString());
        assertEquals("160 ms", labels.getLast());
    }

    /** Ticks: a stroke per tick, the gap boxed in the row's grade, the workers and carriers counted as blocks. */
    @Test
    void ticksShowTheStallAsAGap() {
        Element svg = parse(SamplePages.pinning()).selectFirst("figure svg");
        List<String> paths = svg.select("path.tick").eachAttr("d");
        assertEquals(3, paths.size(), "two series and the legend");
        assertEquals(24, paths.get(1).chars().filter(c -> c == 'M').count(), "synchronized's ticks");
        assertEquals(73, paths.get(2).chars().filter(c -> c == 'M').count(), "the ReentrantLock's ticks");
        Element gap = svg.select("rect.fill-interesting").stream().filter(r -> r.selectFirst("title") != null)
                .findFirst().orElseThrow();
        assertEquals("longest gap: 595 ms late, from 111 to 705 ms", gap.selectFirst("title").text());
        assertTrue(Double.parseDouble(gap.attr("width")) > 250, "the stall is most of the axis: " + gap);
        assertEquals(2 * 4, svg.select("rect.unit-worker").size(), "4 workers a row");
        assertTrue(svg.select("text").eachText().contains("2 carriers, all pinned"));
        assertTrue(svg.select("text").eachText().contains("2 carriers, free"));
    }

    /** Gantt: a bar per subtask ending in its fate's mark, and the caller's moment per way. */
    @Test
    void ganttMarksEachFateAndTheCallersMoment() {
        Element svg = parse(SamplePages.failure()).selectFirst("figure svg");
        assertEquals(4 + 1, svg.select("line.caller").size(), "one per way, and the legend's");
        assertEquals(5 + 1, svg.select("rect.completed").size());
        assertEquals(4 + 1, svg.select("rect.failed").size());
        assertEquals(3 + 1, svg.select("rect[style*=cancelled]").size());
        assertTrue(svg.select("text").eachText().contains("caller got control at 52.0 ms:"
                + " ExecutionException(IllegalStateException)"));
        Element table = svg.parent().selectFirst("details table");
        assertEquals("task 1 cancelled 0.200 to 51.0 ms, task 2 cancelled 0.200 to 52.0 ms, task 3 failed 0.300"
                + " to 50.4 ms", table.select("tbody tr").get(2).selectFirst(".under").text());
    }

    /** Printing: A4 pages, colours kept, pictures no wider than the page, figures' tables shown only if open. */
    @Test
    void printsOnA4() {
        String css = parse(SamplePages.bench()).selectFirst("head > style").data();
        int print = css.indexOf("@media print");
        assertTrue(print > 0, "a print style");
        String printing = css.substring(print);
        assertTrue(printing.contains("size: A4"), printing);
        assertTrue(printing.contains("print-color-adjust: exact"), printing);
        assertTrue(css.contains("figure svg { display: block; width: 100%; height: auto;"), "SVG scales to width");
    }

    /** Every part a story, table or paragraph of the page shows, the page shows in order. */
    @Test
    void laysOutBlocksInTheirOrder() {
        Document doc = parse(SamplePages.counter());
        List<String> kinds = doc.select("main > *").stream().map(Element::tagName).toList();
        assertEquals(List.of("h2", "p", "pre", "p", "p", "figure", "p", "h2", "figure", "p", "h2", "figure", "h3",
                "figure", "p"), kinds);
        assertEquals("counter: no synchronisation", doc.selectFirst("main > h2").text());
        assertEquals("account: balance 100; deposit +50, withdrawal -150",
                parse(SamplePages.account()).selectFirst("main > h2").text(), "the terminal's == frame is dropped");
        assertEquals("locks", parse(SamplePages.bench()).selectFirst("main > h3").text(), "and Markdown's ##");
        Element note = doc.selectFirst("p.note");
        assertEquals("padding-left:4ch;text-indent:-2ch", note.attr("style"));
        Document nothing = parse(SamplePages.degenerate());
        assertEquals(List.of("figure", "figure", "figure", "figure", "figure"),
                nothing.select("main > *").stream().map(Element::tagName).toList(),
                "an empty story or table leaves no empty box");
    }
}

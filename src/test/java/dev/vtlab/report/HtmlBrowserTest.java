package dev.vtlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sample pages in a real browser, headless Chromium: each loads with no request beyond itself and no console
 * error, every SVG has a sane size on screen and on an A4 page, and a screenshot and a PDF are written to
 * {@code target/html-pages/} for a person to look at. One browser serves every page.
 *
 * <p>Without Chromium the tests are skipped, saying why (on stderr too); {@code .ci/run} installs it and sets
 * {@code VTLAB_REQUIRE_CHROMIUM=1}, so there a missing browser fails instead. HtmlRendererTest checks the same
 * pages' structure without a browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlBrowserTest {

    private static final Path OUT = Path.of(System.getProperty("basedir", "."), "target", "html-pages");
    private static final Duration START = Duration.ofSeconds(40);
    private static final int SCREEN = 1000;
    /** A4's 210 mm less the page's 2 x 12 mm margins (page.css), at CSS's 96 px to the inch. */
    private static final int A4_TEXT = (int) Math.floor((210 - 24) / 25.4 * 96);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SVG_SIZES = "JSON.stringify([...document.querySelectorAll('svg')].map(s => {"
            + " const r = s.getBoundingClientRect(); return {id: s.id, width: r.width, height: r.height}; }))";

    private Chromium chromium; // null if there is no browser: then every test is skipped, saying why
    private String missing;

    @BeforeAll
    @Timeout(60)
    void startChromium() throws Exception {
        Optional<Path> browser = Chromium.find();
        if (browser.isEmpty()) {
            missing = "headless Chromium not found (looked at $VTLAB_CHROMIUM, then chromium, chromium-browser,"
                    + " google-chrome on the PATH): the browser checks of the HTML pages need it; on Debian:"
                    + " apt-get install chromium. HtmlRendererTest still checks the pages' structure.";
            if ("1".equals(System.getenv("VTLAB_REQUIRE_CHROMIUM"))) {
                fail(missing + " VTLAB_REQUIRE_CHROMIUM=1 (set by .ci/run) makes that a failure.");
            }
            // surefire counts a skipped test but does not print why: say it once where the build's output shows it
            System.err.println("HtmlBrowserTest SKIPPED: " + missing);
            return;
        }
        chromium = Chromium.start(browser.get(), START);
        Files.createDirectories(OUT);
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, () -> missing);
    }

    @AfterAll
    @Timeout(60)
    void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Every sample page, then every real lesson's page. */
    static Stream<String> pageNames() throws Exception {
        return LessonPages.andSamples().keySet().stream();
    }

    /**
     * The page loads with no request but its own and no error; every SVG is drawn at a sane size on a screen and
     * on A4, nothing is wider than A4's text; and its screenshot and PDF are written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pageNames")
    @Timeout(90)
    void rendersOnScreenAndOnA4WithNoRequestAndNoError(String name) throws Exception {
        Page page = LessonPages.andSamples().get(name);
        String html = SamplePages.html(page);
        Files.writeString(OUT.resolve(name + ".html"), html, StandardCharsets.UTF_8);
        int pictures = (int) page.blocks().stream().filter(b -> b instanceof Block.Bars
                || b instanceof Block.Lanes || b instanceof Block.Ticks || b instanceof Block.Gantt).count();
        try (Chromium.Tab tab = chromium.open("http://vtlab.invalid/" + name + ".html", html)) {
            viewport(tab, SCREEN, "screen");
            tab.load();
            List<Size> screen = svgSizes(tab);
            assertEquals(pictures, screen.size(), "SVGs on the page");
            for (Size s : screen) {
                assertTrue(s.width() > 100 && s.width() < 5000 && s.height() > 20 && s.height() < 5000,
                        "a sane size on screen: " + s);
            }
            String screenPng = screenshot(tab, SCREEN, OUT.resolve(name + ".png"));

            viewport(tab, A4_TEXT, "print");
            List<Size> a4 = svgSizes(tab);
            for (Size s : a4) {
                assertTrue(s.width() > 100 && s.width() <= A4_TEXT && s.height() > 20 && s.height() < 5000,
                        "a sane size on A4: " + s);
            }
            int wide = tab.evaluate("document.documentElement.scrollWidth").asInt();
            if (wide > A4_TEXT) {
                fail("wider than A4's text (" + A4_TEXT + " px): " + wide + " px; the widest: " + tab.evaluate(
                        "JSON.stringify([...document.querySelectorAll('body *')].map(e => [e.tagName + '.'"
                        + " + e.getAttribute('class'), Math.ceil(e.getBoundingClientRect().right)])"
                        + ".filter(e => e[1] > " + A4_TEXT + ").slice(0, 5))").asText());
            }
            String a4Png = screenshot(tab, A4_TEXT, OUT.resolve(name + "-print.png"));
            Files.writeString(OUT.resolve(name + "-sizes.txt"), "page " + html.length() + " bytes\n"
                    + "screen " + screenPng + ", SVGs " + screen + "\nA4 " + a4Png + ", SVGs " + a4 + "\n");
            byte[] pdf = tab.bytes("Page.printToPDF", Map.of("preferCSSPageSize", true, "printBackground", true),
                    "data");
            Files.write(OUT.resolve(name + ".pdf"), pdf);
            assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));

            assertEquals(List.of(), tab.requests, "requests that left the page");
            assertEquals(List.of(), tab.errors, "errors the page reported");
        }
    }

    /** The check itself: a page that loads an image is caught, and the image is refused, not fetched. */
    @Test
    @Timeout(60)
    void noticesARequestThatLeavesThePage() throws Exception {
        String html = "<!DOCTYPE html><title>t</title><img alt=\"\" src=\"http://example.invalid/x.png\">";
        try (Chromium.Tab tab = chromium.open("http://vtlab.invalid/leaky.html", html)) {
            tab.load();
            assertEquals(List.of("http://example.invalid/x.png"), tab.requests);
        }
    }

    /** The check itself: a console error and an uncaught exception are caught. */
    @Test
    @Timeout(60)
    void noticesAConsoleErrorAndAnException() throws Exception {
        String html = "<!DOCTYPE html><title>t</title><script>console.error('boom');</script>"
                + "<script>null.x;</script>";
        try (Chromium.Tab tab = chromium.open("http://vtlab.invalid/noisy.html", html)) {
            tab.load();
            assertEquals(2, tab.errors.size(), tab.errors.toString());
        }
    }

    /**
     * The page's own policy: if a later change slipped a fetch into a page, the browser would refuse it (no
     * request is made) and say so (an error, which the test above fails on).
     */
    @Test
    @Timeout(60)
    void thePagesPolicyRefusesAnyFetch() throws Exception {
        String html = SamplePages.html(SamplePages.bench()).replace("<main>",
                "<main><img alt=\"\" src=\"http://example.invalid/x.png\"><script>document.title = 'ran'</script>");
        try (Chromium.Tab tab = chromium.open("http://vtlab.invalid/slipped.html", html)) {
            tab.load();
            assertEquals(List.of(), tab.requests, "the policy stops the request before it is made");
            assertEquals(2, tab.errors.stream().filter(e -> e.contains("Content Security Policy")).count(),
                    "the image and the script refused: " + tab.errors);
            assertFalse(tab.evaluate("document.title").asText().equals("ran"), "the script ran");
        }
    }

    private record Size(String id, double width, double height) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0fx%.0f", id, width, height);
        }
    }

    private static void viewport(Chromium.Tab tab, int width, String media) throws Exception {
        tab.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                "deviceScaleFactor", 1, "mobile", false));
        tab.call("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    private static List<Size> svgSizes(Chromium.Tab tab) throws Exception {
        List<Size> sizes = new ArrayList<>();
        for (JsonNode s : JSON.readTree(tab.evaluate(SVG_SIZES).asText())) {
            sizes.add(new Size(s.get("id").asText(), s.get("width").asDouble(), s.get("height").asDouble()));
        }
        return sizes;
    }

    /** The whole page at {@code width} CSS pixels, as a PNG of that width; returns its size, {@code WxH}. */
    private static String screenshot(Chromium.Tab tab, int width, Path file) throws Exception {
        double height = tab.call("Page.getLayoutMetrics", Map.of()).get("cssContentSize").get("height").asDouble();
        byte[] png = tab.bytes("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.ceil(height), "scale", 1)), "data");
        assertArrayEquals(PNG, Arrays.copyOf(png, 8), "a PNG");
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        assertEquals(width, header.getInt(), "the screenshot's width");
        int tall = header.getInt();
        assertTrue(tall > 100, "the screenshot's height");
        Files.write(file, png);
        return width + "x" + tall;
    }
}

package dev.vtlab.jfr;

import dev.vtlab.jfr.RecordingSummary.Site;
import dev.vtlab.lesson.PinningLesson;
import dev.vtlab.lesson.PinningLesson.Guard;
import dev.vtlab.report.JfrView;
import dev.vtlab.report.Style;
import dev.vtlab.report.TextRenderer;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vtlab jfr} on the JDK that records: JDK 25's {@code jdk.VirtualThreadPinned} says why it pinned, in what
 * blocking call and on which carrier, and the summary shows it; JDK 21's has none of it. Runs on 21 and, against the
 * jar, on 25 (tag jdk25). The recording is of the pinning lesson's class-initializer trial, which pins on both.
 */
@Tag("jdk25")
class PinnedReasonTest {

    private static final int JDK = Runtime.version().feature();

    @Test
    @Timeout(60)
    void aClassInitializersPinsAreSummarisedWithTheFieldsThisJdkRecords(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("class-init.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20)).withStackTrace();
            recording.start();
            PinningLesson.trial(new PinningLesson.Setup(Guard.CLASS_INIT, PinningLesson.carriers(),
                    Duration.ofMillis(200), Duration.ofMillis(10)));
            recording.stop();
            recording.dump(file);
        }
        RecordingSummary summary = RecordingSummary.read(file);
        List<Site> sites = summary.pinned().sites();
        assertTrue(summary.pinned().count() >= 1, summary.pinned().toString());

        List<String> reasons = sites.stream().flatMap(s -> s.reasons().keySet().stream()).toList();
        var out = new StringWriter();
        new TextRenderer(new PrintWriter(out, true), Style.plain())
                .render(JfrView.page("class-init.jfr", "./vtlab jfr class-init.jfr", summary).blocks());
        if (JDK == 21) {
            assertEquals(List.of(), reasons);
            assertTrue(sites.stream().allMatch(s -> s.carriers().isEmpty() && s.blockingOperations().isEmpty()));
            assertFalse(out.toString().contains("why: "), out.toString());
        } else {
            assertTrue(reasons.stream().anyMatch(r -> r.contains("SlowInit.<clinit> on stack")), reasons.toString());
            // JDK 26 lets a virtual thread that waits for another's class initialization unmount
            assertEquals(JDK < 26, reasons.stream().anyMatch(r -> r.startsWith("Waited for initialization of")),
                    reasons.toString());
            assertTrue(sites.stream().allMatch(s -> !s.carriers().isEmpty() && !s.blockingOperations().isEmpty()),
                    sites.toString());
            String text = out.toString().replaceAll("\\s+", " ");
            assertTrue(text.contains("why: VM call to dev.vtlab.lesson.PinningLesson$SlowInit.<clinit> on stack"),
                    out.toString());
            assertTrue(text.contains("carrier ForkJoinPool"), out.toString());
            assertEquals(JDK < 26, text.contains("at dev.vtlab.lesson.PinningLesson$UseSlowInit.run"),
                    "the waiter's site is the lab's frame, not Class.forName\n" + out);
        }
    }
}

package dev.vtlab.jfr;

import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.FailureLesson.Failure;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.Work;
import dev.vtlab.threading.Join;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubtaskEventsTest {

    private static final List<String> EVENTS = List.of(
            "vtlab.SubtaskStart", "vtlab.SubtaskEnd", "vtlab.SubtaskFailure", "vtlab.SubtaskCancellation");

    /** Way 3 with latches: three starts, one failure, two cancellations, no end; way 1: two ends instead. */
    @Test
    @Timeout(30)
    void recordsEachSubtasksStartAndFate(@TempDir Path dir) throws Exception {
        var setup = new Setup(ThreadKind.VIRTUAL, 3, Duration.ofMillis(50), Duration.ofSeconds(1),
                Optional.of(Failure.ILLEGAL_STATE));
        Path file = dir.resolve("failure.jfr");
        try (var recording = new Recording()) {
            EVENTS.forEach(name -> recording.enable(name).withoutStackTrace());
            recording.start();
            var siblingsStarted = new CountDownLatch(2);
            Work scopeWork = plan -> {
                if (plan.fails()) {
                    await(siblingsStarted);
                } else {
                    siblingsStarted.countDown();
                    new CountDownLatch(1).await(); // until the scope's shutdown interrupts it
                }
            };
            FailureLesson.run(Join.SHUTDOWN_ON_FAILURE, setup, scopeWork, SubtaskEvents.OBSERVER);
            FailureLesson.run(Join.FIRE_AND_FORGET, setup, plan -> { }, SubtaskEvents.OBSERVER);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        assertEquals(Map.of("vtlab.SubtaskStart", 3L, "vtlab.SubtaskFailure", 1L, "vtlab.SubtaskCancellation", 2L),
                countByName(events, Join.SHUTDOWN_ON_FAILURE));
        assertEquals(Map.of("vtlab.SubtaskStart", 3L, "vtlab.SubtaskFailure", 1L, "vtlab.SubtaskEnd", 2L),
                countByName(events, Join.FIRE_AND_FORGET));
        RecordedEvent failure = events.stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.SubtaskFailure")).findFirst().orElseThrow();
        assertEquals("task 3", failure.getString("subtask"));
        assertEquals("java.lang.IllegalStateException", failure.getString("exception"));
        RecordedEvent start = events.stream().filter(e -> e.getString("subtask").equals("task 1")
                && e.getEventType().getName().equals("vtlab.SubtaskStart")).findFirst().orElseThrow();
        assertEquals(Duration.ofSeconds(1), start.getDuration("plannedWork"));
    }

    /** Every lab event is in the vtlab category, and every field has a label; time fields say their unit. */
    @Test
    @Timeout(10)
    void everyEventAndFieldIsLabelled() {
        List<Class<? extends jdk.jfr.Event>> classes = List.of(
                SubtaskStart.class, SubtaskEnd.class, SubtaskFailure.class, SubtaskCancellation.class);
        for (var cls : classes) {
            EventType type = EventType.getEventType(cls);
            assertTrue(EVENTS.contains(type.getName()), type.getName());
            assertEquals(List.of("vtlab"), type.getCategoryNames(), type.getName());
            assertNotNull(type.getLabel(), type.getName());
            assertNotNull(type.getDescription(), type.getName());
            type.getFields().forEach(f -> assertNotNull(f.getLabel(), type.getName() + "." + f.getName()));
        }
        var planned = EventType.getEventType(SubtaskStart.class).getField("plannedWork");
        assertEquals(Timespan.NANOSECONDS, planned.getAnnotation(Timespan.class).value());
    }

    private static Map<String, Long> countByName(List<RecordedEvent> events, Join way) {
        return events.stream()
                .filter(e -> way.description().equals(e.getString("way")))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
    }
}

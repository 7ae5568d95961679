package dev.vtlab.jfr;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskUpdateTraceTest {

    /** Both tasks read 0 before either writes: two events, and exactly the first write is marked overwritten. */
    @Test
    @Timeout(20)
    void marksTheWriteThatALaterWriterBuriedUnseen(@TempDir Path tmp) throws Exception {
        var bothHaveRead = new CyclicBarrier(2);
        Pause barrier = point -> {
            if (point == Point.AFTER_READ) {
                await(bothHaveRead);
            }
        };
        Path file = tmp.resolve("updates.jfr");
        try (var recording = new Recording()) {
            recording.enable(TaskUpdateEvent.class).withoutStackTrace();
            recording.start();
            var trace = new TaskUpdateTrace();
            Result result = CounterLesson.run(new Setup(ThreadKind.VIRTUAL, Sync.NONE, 2, Duration.ZERO), trace,
                    task -> barrier);
            trace.commit(result.history());
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> updates = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.TaskUpdate"))
                .sorted(Comparator.comparingInt(e -> e.getInt("version")))
                .toList();
        assertEquals(2, updates.size());
        RecordedEvent first = updates.get(0);
        RecordedEvent second = updates.get(1);
        assertEquals(0, first.getLong("valueRead"));
        assertEquals(10, first.getLong("valueWritten"));
        assertEquals(0, second.getLong("valueRead"));
        assertTrue(first.getBoolean("overwritten"), "version 1 was buried by version 2");
        assertFalse(second.getBoolean("overwritten"), "the last write stands");
        assertEquals(0, second.getInt("basedOn"));
    }

    /** A compare-and-set retry is counted on the event of the attempt that finally wrote. */
    @Test
    @Timeout(20)
    void countsCompareAndSetRetries(@TempDir Path tmp) throws Exception {
        var bothHaveRead = new CyclicBarrier(2);
        Pause firstReadOnly = new Pause() {
            private final Set<Thread> passed = ConcurrentHashMap.newKeySet();

            @Override
            public void at(Point point) throws InterruptedException {
                if (point == Point.AFTER_READ && passed.add(Thread.currentThread())) {
                    await(bothHaveRead); // only each task's first attempt meets the other
                }
            }
        };
        Path file = tmp.resolve("cas.jfr");
        try (var recording = new Recording()) {
            recording.enable(TaskUpdateEvent.class).withoutStackTrace();
            recording.start();
            var trace = new TaskUpdateTrace();
            Result result = CounterLesson.run(new Setup(ThreadKind.VIRTUAL, Sync.CAS, 2, Duration.ZERO), trace,
                    task -> firstReadOnly);
            trace.commit(result.history());
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> updates = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.TaskUpdate")).toList();
        assertEquals(2, updates.size());
        assertEquals(1, updates.stream().mapToInt(e -> e.getInt("retries")).sum());
        assertTrue(updates.stream().noneMatch(e -> e.getBoolean("overwritten")));
    }
}

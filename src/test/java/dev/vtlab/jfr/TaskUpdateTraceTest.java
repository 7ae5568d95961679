package dev.vtlab.jfr;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sequencer;
import dev.vtlab.sync.Sequencer.Turn;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Step.Kind;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Version;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
            Result result = CounterLesson.race(new Setup(ThreadKind.VIRTUAL, Sync.NONE, 2, Duration.ZERO), trace,
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

    /**
     * The two ways a task's steps reach the trace: through a trace of its own ({@code forTask()}, as every update
     * takes one) and told to the shared trace itself (trial 1 of the account lesson, whose two tasks share one
     * trace). Each keeps its task's read until its write, interleaved with the other's, and each makes one event.
     */
    @Test
    @Timeout(20)
    void aTaskOfItsOwnAndTheSharedTraceEachMakeTheirTasksEvent(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("updates.jfr");
        try (var recording = new Recording()) {
            recording.enable(TaskUpdateEvent.class).withoutStackTrace();
            recording.start();
            var trace = new TaskUpdateTrace();
            var own = trace.forTask();
            assertTrue(own != trace, "a recording wants a trace per task");
            own.on(new Step("task 1", Kind.READ, 0, 1));
            trace.on(new Step("task 2", Kind.READ, 0, 2));   // same thread: the thread-local's task, not task 1's
            own.on(new Step("task 1", Kind.WRITE, 10, 3));
            trace.on(new Step("task 2", Kind.WRITE, 10, 4));
            var initial = Version.initial(0);
            var v1 = new Version(1, 10, "task 1", 0);
            trace.commit(List.of(initial, v1, new Version(2, 10, "task 2", 0)));
            recording.stop();
            recording.dump(file);
        }
        Map<String, RecordedEvent> byTask = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.TaskUpdate"))
                .collect(Collectors.toMap(e -> e.getString("task"), e -> e));
        assertEquals(Set.of("task 1", "task 2"), byTask.keySet());
        assertEquals(1, byTask.get("task 1").getInt("version"));
        assertTrue(byTask.get("task 1").getBoolean("overwritten"));
        assertEquals(2, byTask.get("task 2").getInt("version"));
        assertFalse(byTask.get("task 2").getBoolean("overwritten"));
    }

    @Test
    @Timeout(20)
    void withoutARecordingATaskSharesTheTraceAndItHearsNothing() {
        var trace = new TaskUpdateTrace(); // no recording runs here (the tests that start one close it)
        assertTrue(trace.forTask() == trace);
        for (Kind kind : Kind.values()) {
            assertFalse(trace.hears(kind), kind.name());
        }
    }

    /**
     * Three tasks: task 1 and task 3 read 0; task 1 writes 10; task 2 reads that and writes 20; task 3 writes 10 on
     * top. The final 10 descends from the start value alone, so both earlier writes are lost, task 2's too although
     * task 2 had read task 1's write. The events must agree with the lesson's verdict: two lost updates.
     */
    @Test
    @Timeout(20)
    void marksEveryWriteOffTheChainBehindTheFinalValue(@TempDir Path tmp) throws Exception {
        var order = new Sequencer(List.of(new Turn("task 1", Kind.READ), new Turn("task 3", Kind.READ),
                new Turn("task 1", Kind.WRITE), new Turn("task 2", Kind.READ), new Turn("task 2", Kind.WRITE),
                new Turn("task 3", Kind.WRITE)), Duration.ofSeconds(5));
        Path file = tmp.resolve("three.jfr");
        Result result;
        try (var recording = new Recording()) {
            recording.enable(TaskUpdateEvent.class).withoutStackTrace();
            recording.start();
            var trace = new TaskUpdateTrace();
            result = CounterLesson.race(new Setup(ThreadKind.VIRTUAL, Sync.NONE, 3, Duration.ZERO), trace,
                    order::pauseFor);
            trace.commit(result.history());
            recording.stop();
            recording.dump(file);
        }
        assertEquals(10, result.outcome().actual());
        assertEquals(2, assertInstanceOf(Outcome.LostUpdates.class, result.outcome()).overwrites().size());
        Map<String, Boolean> overwritten = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.TaskUpdate"))
                .collect(Collectors.toMap(e -> e.getString("task"), e -> e.getBoolean("overwritten")));
        assertEquals(Map.of("task 1", true, "task 2", true, "task 3", false), overwritten);
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
            Result result = CounterLesson.race(new Setup(ThreadKind.VIRTUAL, Sync.CAS, 2, Duration.ZERO), trace,
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

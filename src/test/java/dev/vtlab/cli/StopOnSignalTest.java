package dev.vtlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread the lesson waits for can die of an OutOfMemoryError (the JDK's timer that wakes sleeping virtual threads
 * did, in a small heap, and the lesson then waited forever): the lesson is interrupted and ends as if it had run
 * out itself.
 */
class StopOnSignalTest {

    @Test
    @Timeout(10)
    void anOutOfMemoryErrorElsewhereEndsTheLessonWithIt() throws Exception {
        var oom = new OutOfMemoryError("Java heap space");
        var inside = new CountDownLatch(1);
        try (var stop = StopOnSignal.install(() -> { })) {
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    inside.await();
                } catch (InterruptedException e) {
                    return;
                }
                StopOnSignal.outOfMemoryElsewhere(oom); // as Cli.uncaught calls it for a dying thread
            });
            var thrown = assertThrows(OutOfMemoryError.class, () -> stop.inLesson(() -> {
                inside.countDown();
                new CountDownLatch(1).await(); // a lesson waiting for a thread that will never come
                return null;
            }));
            assertSame(oom, thrown);
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt stays inside the lesson");
            killer.join();
            // and a later call into the lesson does not begin
            assertSame(oom, assertThrows(OutOfMemoryError.class, () -> stop.inLesson(() -> "never")));
            assertFalse(stop.requested(), "not a Ctrl-C: the run is not graded as stopped");
        }
    }

    @Test
    @Timeout(10)
    void afterTheRunNothingIsInterrupted() throws Exception {
        try (var stop = StopOnSignal.install(() -> { })) {
            assertTrue(stop.inLesson(() -> "done").equals("done"));
        }
        StopOnSignal.outOfMemoryElsewhere(new OutOfMemoryError("Java heap space")); // no command line runs now
        assertFalse(Thread.currentThread().isInterrupted());
        try (var unhooked = StopOnSignal.unhooked()) {
            assertTrue(unhooked.inLesson(() -> "still runs").equals("still runs"));
        }
    }
}

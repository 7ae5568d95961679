package dev.vtlab.cli;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ThreadKind;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The counter lesson's meters agree with what the lesson saw, on a forced interleaving. */
class CounterMetersTest {

    private static double count(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    @Timeout(10)
    void countsTheLostUpdateWhenBothTasksReadBeforeEitherWrites() throws Exception {
        var registry = MetricsOptions.cumulativeRegistry();
        var meters = new LessonMeters(registry, "counter", Tags.of("sync", "none", "threads", "virtual"));
        var bothHaveRead = new CyclicBarrier(2);
        Pause barrier = point -> {
            if (point == Point.AFTER_READ) {
                await(bothHaveRead);
            }
        };
        var setup = new Setup(ThreadKind.VIRTUAL, Sync.NONE, 2, Duration.ZERO);
        var instruments = new CounterCommand.Instruments();
        Result result = CounterLesson.race(setup, instruments.trace(setup, meters, true), task -> barrier);
        instruments.record(setup, result, Duration.ofMillis(1), meters);

        assertEquals(1, count(registry, "vtlab.counter.updates.lost"));
        assertEquals(0, count(registry, "vtlab.counter.runs.correct"));
        assertEquals(2, count(registry, "vtlab.counter.threads", "kind", "virtual"));
        assertNull(registry.find("vtlab.counter.threads").tags("kind", "platform").counter(), "no platform thread ran");
        assertEquals(2, registry.get("vtlab.counter.task.duration").timer().count());
        assertEquals(1, registry.get("vtlab.counter.duration").timer().count());
    }

    /** Task 2 writes while task 1 waits after its read: task 1's compare-and-set fails once, and is counted. */
    @Test
    @Timeout(10)
    void countsOneCompareAndSetRetryAndNoLostUpdate() throws Exception {
        var registry = MetricsOptions.cumulativeRegistry();
        var meters = new LessonMeters(registry, "counter", Tags.of("sync", "cas", "threads", "platform"));
        var bothHaveRead = new CyclicBarrier(2);
        var task2Wrote = new CountDownLatch(1);
        var setup = new Setup(ThreadKind.PLATFORM, Sync.CAS, 2, Duration.ZERO);
        var instruments = new CounterCommand.Instruments();
        Result result = CounterLesson.race(setup, instruments.trace(setup, meters, true).and(step -> {
                    if (step.task().equals("task 2") && step.kind() == Step.Kind.WRITE) {
                        task2Wrote.countDown();
                    }
                }),
                task -> new Pause() {
                    private boolean first = true; // only this task's thread touches it

                    @Override
                    public void at(Point point) throws InterruptedException {
                        if (point == Point.AFTER_READ && first) {
                            first = false;
                            await(bothHaveRead);
                            if (task.equals("task 1")) {
                                await(task2Wrote);
                            }
                        }
                    }
                });
        instruments.record(setup, result, Duration.ofMillis(1), meters);

        assertEquals(1, count(registry, "vtlab.counter.cas.retries"));
        assertEquals(0, count(registry, "vtlab.counter.updates.lost"));
        assertEquals(1, count(registry, "vtlab.counter.runs.correct"));
        assertEquals(2, count(registry, "vtlab.counter.threads", "kind", "platform"));
    }
}

package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class ScaleWayTest {

    /**
     * A pool that cannot start its third thread, as the cached pool and thread-per-task rows may not at 10,000
     * tasks: the run fails, and its sampler thread does not outlive it.
     */
    @Test
    void aRunWhoseThreadsCannotStartStopsItsSampler() {
        var threads = new AtomicInteger();
        var failing = Executors.newThreadPerTaskExecutor(task -> {
            if (threads.incrementAndGet() > 2) {
                throw new OutOfMemoryError("unable to create native thread (simulated)");
            }
            return Thread.ofVirtual().unstarted(task);
        });
        var error = assertThrows(OutOfMemoryError.class,
                () -> ScaleWay.measure(() -> failing, Duration.ofMillis(1), 10, Duration.ofMillis(1)));
        assertEquals("unable to create native thread (simulated)", error.getMessage());
        assertEquals(List.of(), livePlatformThreads(ScaleWay.SAMPLER));
    }

    @Test
    void aRunReportsItsTasksAndStopsItsSampler() throws InterruptedException {
        Sample sample = ScaleWay.VIRTUAL.run(100, Duration.ofMillis(1));
        assertEquals(100, sample.get("tasks"));
        assertEquals(List.of(), livePlatformThreads(ScaleWay.SAMPLER));
    }

    /**
     * The names of live threads whose name starts with {@code prefix}. Platform threads only: that is all
     * {@code Thread.getAllStackTraces()} lists, and the sampler is one.
     */
    private static List<String> livePlatformThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName)
                .toList();
    }
}

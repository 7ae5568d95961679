package dev.vtlab.bench;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The workers of a run are seen through the thread factory that made them, not through
 * {@code Thread.getAllStackTraces()}, which lists platform threads only: a leaked virtual worker would pass unseen.
 */
@Timeout(10)
class LockWayTest {

    /**
     * An interrupted run leaves no worker parked on the gate: a platform one would keep the child JVM alive, a
     * virtual one would be a leak no thread listing shows.
     */
    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedRunEndsItsWorkers(boolean virtual) {
        var workers = new Workers(virtual);
        // Pending before run(): starting threads ignores it, ready.await() then throws at once.
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> LockWay.ATOMIC.run(workers, 2, 1_000));
        } finally {
            Thread.interrupted();
        }
        assertEquals(2, workers.made.size(), "the run started both workers before it saw the interrupt");
        assertEquals(List.of(), workers.alive());
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void aRunCountsEveryIncrementOfASafeCounterAndEndsItsWorkers(boolean virtual) throws InterruptedException {
        var workers = new Workers(virtual);
        Sample sample = LockWay.ADDER.run(workers, 4, 10_000);
        assertEquals(0, sample.get("lost"));
        assertEquals(10_000, sample.get("ops"));
        assertEquals(4, workers.made.size());
        assertEquals(List.of(), workers.alive());
    }

    /** The run's own kind of workers, each also kept here so the test can ask whether it is still alive. */
    private static final class Workers implements ThreadFactory {
        private final ThreadFactory threads;
        private final List<Thread> made = new CopyOnWriteArrayList<>(); // written by the run's thread, read after

        Workers(boolean virtual) {
            threads = LockWay.workers(virtual);
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = threads.newThread(task);
            made.add(thread);
            return thread;
        }

        List<String> alive() {
            return made.stream().filter(Thread::isAlive).map(Thread::toString).toList();
        }
    }
}

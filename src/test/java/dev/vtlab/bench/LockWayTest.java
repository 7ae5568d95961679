package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class LockWayTest {

    /** An interrupted run leaves no worker parked on the gate: a platform one would keep the child JVM alive. */
    @Test
    void anInterruptedRunEndsItsWorkers() {
        // Pending before run(): starting threads ignores it, ready.await() then throws at once.
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> LockWay.ATOMIC.run(false, 2, 1_000));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), live(LockWay.WORKER));
    }

    @Test
    void aRunCountsEveryIncrementOfASafeCounter() throws InterruptedException {
        Sample sample = LockWay.ADDER.run(true, 4, 10_000);
        assertEquals(0, sample.get("lost"));
        assertEquals(10_000, sample.get("ops"));
        assertEquals(List.of(), live(LockWay.WORKER));
    }

    /** The names of live threads whose name starts with {@code prefix}. */
    static List<String> live(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName)
                .toList();
    }
}

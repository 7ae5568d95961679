package dev.vtlab.jfr;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import static dev.vtlab.testing.Await.awaitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingSummaryTest {

    /**
     * A platform thread parked on a held ReentrantLock is rebuilt as java.util.concurrent contention, at the line
     * that called lock(); the JDK's monitor views would show nothing.
     */
    @Test
    @Timeout(20)
    void rebuildsReentrantLockContentionFromThreadPark(@TempDir Path tmp) throws Exception {
        var lock = new ReentrantLock();
        Path file = tmp.resolve("park.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            lock.lock();
            Thread waiter;
            try {
                waiter = Thread.ofPlatform().start(() -> takeAndRelease(lock));
                awaitState(waiter, Set.of(Thread.State.WAITING)); // parked on our lock, not racing
            } finally {
                lock.unlock();
            }
            waiter.join();
            recording.stop();
            recording.dump(file);
        }
        RecordingSummary summary = RecordingSummary.read(file);
        assertTrue(summary.locks().stream().anyMatch(c -> c.lockClass().startsWith(
                "java.util.concurrent.locks.ReentrantLock$")
                        && c.site().contains("RecordingSummaryTest.takeAndRelease")),
                summary.locks().toString());
        assertTrue(summary.monitors().isEmpty());
        assertEquals(0, summary.pinned().count());
    }

    private static void takeAndRelease(ReentrantLock lock) {
        lock.lock();
        lock.unlock();
    }

    @Test
    @Timeout(5)
    void conditionsAreWaitsNotLockContention() {
        assertTrue(RecordingSummary.isLock("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertFalse(RecordingSummary.isLock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"));
        assertFalse(RecordingSummary.isLock("java.util.concurrent.CountDownLatch$Sync"));
    }
}

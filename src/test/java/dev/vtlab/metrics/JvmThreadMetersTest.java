package dev.vtlab.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmThreadMetersTest {

    /**
     * On JDK 21 a virtual thread that sleeps inside {@code synchronized} cannot unmount: JFR records a
     * {@code jdk.VirtualThreadPinned} event, and Micrometer's VirtualThreadMetrics turns it into a timer sample.
     * The sleep is the lesson's own (the pinning is what is tested); the wait for the event is bounded.
     */
    @Test
    @Timeout(20)
    void recordsAPinnedEventForAVirtualThreadSleepingInsideSynchronized() throws Exception {
        var registry = new SimpleMeterRegistry();
        var lock = new Object();
        try (var jvm = JvmThreadMeters.bind(registry, Tags.empty())) {
            Thread pinned = Thread.ofVirtual().start(() -> {
                synchronized (lock) {
                    try {
                        Thread.sleep(50); // JDK 21: pins the carrier; above the 20 ms threshold of the event
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(pinned.join(Duration.ofSeconds(5)), "the pinned thread did not finish");
            assertTrue(jvm.awaitDelivered(Duration.ofSeconds(10)), "the JFR stream never delivered the mark");

            Timer timer = registry.find("jvm.threads.virtual.pinned").timer();
            assertNotNull(timer, "VirtualThreadMetrics registered no pinned timer");
            assertEquals(1, timer.count());
            double pinnedMs = timer.totalTime(TimeUnit.MILLISECONDS);
            assertTrue(pinnedMs >= 45, "pinned for " + pinnedMs);
        }
    }

    @Test
    @Timeout(20)
    void bindsThePlatformThreadGaugesAndTheSubmitFailedCounter() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var jvm = JvmThreadMeters.bind(registry, Tags.empty())) {
            assertNotNull(registry.find("jvm.threads.live").gauge());
            assertNotNull(registry.find("jvm.threads.peak").gauge());
            assertNotNull(registry.find("jvm.threads.virtual.submit.failed").counter());
            assertTrue(registry.find("jvm.threads.live").gauge().value() >= 1);
        }
    }
}

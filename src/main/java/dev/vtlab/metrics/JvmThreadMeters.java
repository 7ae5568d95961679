package dev.vtlab.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import jdk.jfr.consumer.RecordingStream;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's own thread meters, through Micrometer's binders, for the length of one command:
 * <ul>
 *   <li>{@link JvmThreadMetrics}: {@code jvm.threads.live}, {@code .peak}, {@code .daemon}, {@code .started},
 *       {@code .states}. These come from {@code ThreadMXBean}, which counts <em>platform</em> threads only;</li>
 *   <li>{@link VirtualThreadMetrics} (micrometer-java21): {@code jvm.threads.virtual.pinned}, a timer of every
 *       {@code jdk.VirtualThreadPinned} JFR event (a virtual thread that parked while pinned for 20 ms or more),
 *       and {@code jvm.threads.virtual.submit.failed}. Its scheduler gauges need JDK 24's
 *       {@code VirtualThreadSchedulerMXBean}; on JDK 21 the binder skips them.</li>
 * </ul>
 * The virtual-thread binder reads a JFR stream that it starts itself, and JFR hands events to a stream about once
 * a second; {@link #awaitDelivered} waits (bounded) until the events of a finished run have arrived.
 */
public final class JvmThreadMeters implements AutoCloseable {

    private final VirtualThreadMetrics virtualThreads; // closed by close(); its stream runs until then
    private final RecordingStream stream;              // the binder's own stream, or null if it cannot be reached
    private long marks;                                // written and read by the owner thread only

    private JvmThreadMeters(VirtualThreadMetrics virtualThreads) {
        this.virtualThreads = virtualThreads;
        this.stream = streamOf(virtualThreads);
        if (stream != null) {
            stream.enable(FlushMark.class);
        }
    }

    /** Binds both binders to {@code registry}; closing the result stops the JFR stream. */
    public static JvmThreadMeters bind(MeterRegistry registry, Tags tags) {
        new JvmThreadMetrics(tags).bindTo(registry);
        var virtual = new VirtualThreadMetrics(tags);
        virtual.bindTo(registry);
        return new JvmThreadMeters(virtual);
    }

    /**
     * Waits until the JFR stream has delivered every event committed before this call, or {@code timeout} passes.
     *
     * @return true if the events arrived; false on timeout or if the binder's stream could not be reached
     */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        if (stream == null) {
            return false;
        }
        long id = ++marks;
        var seen = new CountDownLatch(1);
        stream.onEvent("vtlab.MetricsFlush", event -> {
            if (event.getLong("id") == id) {
                seen.countDown();
            }
        });
        var mark = new FlushMark();
        mark.id = id;
        mark.commit();
        return seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Micrometer's binder keeps its {@link RecordingStream} private and offers only {@code close()}, which does not
     * wait for events already recorded. Reaching the stream lets the lab put a {@link FlushMark} through it (tested
     * against micrometer-java21 1.17.2 in JvmThreadMetersTest); if a later version renames the field, the meters
     * still work and only the wait is lost.
     */
    private static RecordingStream streamOf(VirtualThreadMetrics metrics) {
        try {
            Field field = VirtualThreadMetrics.class.getDeclaredField("recordingStream");
            field.setAccessible(true);
            return (RecordingStream) field.get(metrics);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        virtualThreads.close();
    }
}

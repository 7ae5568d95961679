package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One trial of the pinning lesson: workers holding one lock while they sleep, and how late the heartbeat was,
 * recorded as a {@code vtlab.PinningTrial} event.
 *
 * <p>Not itself a Flight Recorder event: {@link #commit} copies the fields into {@link Jfr}, which is made only once
 * Flight Recorder has started ({@link Gate}), so a lesson that records nothing does not load it.
 */
public final class PinningTrialEvent {

    // Filled by the lesson's runner on its own thread, then committed by it: no other thread sees them.
    public String lock;
    public int workers;
    public int carriers;
    public long heartbeatWorstDelay;
    public int heartbeatTicks;
    public long workersTotal;

    /** Records the fields as one event (a no-op when no recording wants it). */
    public void commit() {
        if (!Gate.open()) {
            return;
        }
        var event = new Jfr();
        event.lock = lock;
        event.workers = workers;
        event.carriers = carriers;
        event.heartbeatWorstDelay = heartbeatWorstDelay;
        event.heartbeatTicks = heartbeatTicks;
        event.workersTotal = workersTotal;
        event.commit();
    }

    @Name("vtlab.PinningTrial")
    @Label("Pinning Trial")
    @Description("One trial of the pinning lesson: the lock the workers held while sleeping, the heartbeat's worst"
            + " delay and tick count, and the workers' total time")
    @Category("vtlab")
    @StackTrace(false)
    static final class Jfr extends jdk.jfr.Event {
        @Label("Lock")
        @Description("What the workers held while sleeping: synchronized, lock (a ReentrantLock) or none")
        String lock;

        @Label("Workers")
        int workers;

        @Label("Carriers")
        @Description("The virtual-thread scheduler's parallelism: how many carrier threads run virtual threads")
        int carriers;

        @Label("Heartbeat Worst Delay")
        @Description("The longest a heartbeat tick came late")
        @Timespan(Timespan.NANOSECONDS)
        long heartbeatWorstDelay;

        @Label("Heartbeat Ticks")
        int heartbeatTicks;

        @Label("Workers' Total Time")
        @Description("From starting the first worker to the last one finishing")
        @Timespan(Timespan.NANOSECONDS)
        long workersTotal;
    }
}

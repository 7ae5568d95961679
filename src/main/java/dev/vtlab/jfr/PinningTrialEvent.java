package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One trial of the pinning lesson: workers holding one lock while they sleep, and how late the heartbeat was. */
@Name("vtlab.PinningTrial")
@Label("Pinning Trial")
@Description("One trial of the pinning lesson: the lock the workers held while sleeping, the heartbeat's worst"
        + " delay and tick count, and the workers' total time")
@Category("vtlab")
@StackTrace(false)
public final class PinningTrialEvent extends jdk.jfr.Event {

    @Label("Lock")
    @Description("What the workers held while sleeping: synchronized, lock (a ReentrantLock) or none")
    public String lock;

    @Label("Workers")
    public int workers;

    @Label("Carriers")
    @Description("The virtual-thread scheduler's parallelism: how many carrier threads run virtual threads")
    public int carriers;

    @Label("Heartbeat Worst Delay")
    @Description("The longest a heartbeat tick came late")
    @Timespan(Timespan.NANOSECONDS)
    public long heartbeatWorstDelay;

    @Label("Heartbeat Ticks")
    public int heartbeatTicks;

    @Label("Workers' Total Time")
    @Description("From starting the first worker to the last one finishing")
    @Timespan(Timespan.NANOSECONDS)
    public long workersTotal;
}

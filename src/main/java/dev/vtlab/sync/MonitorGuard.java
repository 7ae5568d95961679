package dev.vtlab.sync;

/**
 * {@code --sync synchronized}: the whole update inside a {@code synchronized} block on this guard's own monitor, so
 * one task at a time goes from "starting update" to "finishing update".
 *
 * <p><b>Memory visibility.</b> Leaving the monitor happens-before the next task enters it (unlock/lock), so the next
 * task reads the value the previous one wrote. {@code holder} is volatile only for the story: an arriving task reads
 * it to say whom it waits for; the monitor, not {@code holder}, is what excludes.
 */
final class MonitorGuard implements Guard {

    private final Object monitor = new Object(); // this guard's lock; one per cell
    private volatile String holder;              // the task inside the monitor, or null; written only by it

    @Override
    public Version run(Section update) throws InterruptedException {
        // code:begin synchronized
        update.arrive();                        // (--jitter sleeps here)
        update.waitsIfHeld(holder);             // "task 2: waiting for the lock"
        // JDK 21: a virtual thread sleeping inside synchronized pins its
        // carrier (JEP 491 lifts this in JDK 24); see vtlab pinning.
        synchronized (monitor) {        // waits its turn
            holder = update.task();
            try {
                return update.readAddWrite(); // one task at a time, whole
            } finally {
                holder = null;
            }
        }
        // code:end synchronized
    }
}

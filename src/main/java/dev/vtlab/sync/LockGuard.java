package dev.vtlab.sync;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --sync lock}: the whole update between {@code lock()} and {@code unlock()} of this guard's own
 * {@link ReentrantLock}, released in {@code finally}: Java's answer to Python's {@code with lock:}.
 *
 * <p><b>Memory visibility.</b> {@code unlock()} happens-before the next successful {@code lock()}, so the next task
 * reads the value the previous one wrote. {@code holder} is volatile only for the story (see {@link MonitorGuard}).
 */
final class LockGuard implements Guard {

    private final ReentrantLock lock = new ReentrantLock(); // this guard's lock; one per cell
    private volatile String holder;                         // the task holding the lock, or null; written only by it

    @Override
    public Version run(Section update) throws InterruptedException {
        // code:begin lock
        update.arrive();                        // (--jitter sleeps here)
        update.waitsIfHeld(holder);             // "task 2: waiting for the lock"
        lock.lockInterruptibly();       // Python's "with lock:" (waits its turn)
        try {
            holder = update.task();
            return update.readAddWrite(); // one task at a time, whole
        } finally {
            holder = null;
            lock.unlock();              // always, even if the update threw
        }
        // code:end lock
    }
}

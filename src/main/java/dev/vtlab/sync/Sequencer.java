package dev.vtlab.sync;

import dev.vtlab.sync.Pause.Point;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forces one total order on the reads and writes of several tasks, so a chosen interleaving happens every time
 * rather than by luck. Each task gets a {@link Pause} that, before its read or write, waits until every step
 * ahead of it in the order has happened.
 *
 * <p>Only unguarded updates can be forced this way: a guard that makes read-add-write atomic forbids any order
 * where another task's step falls between one task's read and write, and waiting for such a step while holding the
 * guard would never end. A wait that exceeds the limit fails with {@link IllegalStateException} rather than hang.
 *
 * <p><b>Memory visibility.</b> {@code done} is guarded by {@code lock}; a task's write happens before its
 * {@code AFTER_WRITE} unlock, which happens before the next task's lock and read (unlock/lock edge).
 */
public final class Sequencer {

    /** One step of the order: {@code task} reads ({@link Step.Kind#READ}) or writes ({@link Step.Kind#WRITE}). */
    public record Turn(String task, Step.Kind kind) {
        public Turn {
            if (kind != Step.Kind.READ && kind != Step.Kind.WRITE) {
                throw new IllegalArgumentException("a turn is a READ or a WRITE, got " + kind);
            }
        }
    }

    private final List<Turn> order;
    private final Duration limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private int done; // guarded by lock; how many turns of the order have happened; only grows

    public Sequencer(List<Turn> order, Duration limit) {
        this.order = List.copyOf(order);
        this.limit = limit;
    }

    /**
     * The pause for {@code task}. It must be passed to exactly one update with that task name. Only the task's first
     * read and first write are ordered.
     */
    public Pause pauseFor(String task) {
        int read = order.indexOf(new Turn(task, Step.Kind.READ));
        int write = order.indexOf(new Turn(task, Step.Kind.WRITE));
        // code:begin turns
        return point -> {
            switch (point) {
                case ARRIVE -> { }
                case BEFORE_READ -> awaitTurn(read);    // until the steps before it
                case AFTER_READ -> {
                    advance(read);                      // lets the next step go
                    awaitTurn(write);
                }
                case AFTER_WRITE -> advance(write);
            }
        };
        // code:end turns
    }

    // code:begin await
    private void awaitTurn(int index) throws InterruptedException {
        if (index < 0) {
            return;
        }
        long nanos = limit.toNanos();
        lock.lock();
        try {
            while (done < index) {                  // not this step's turn yet
                if (nanos <= 0) {
                    throw new IllegalStateException("schedule stuck: turn "
                            + index + " (" + order.get(index) + ") still"
                            + " waiting after " + limit.toMillis() + " ms; "
                            + done + " turns done");
                }
                nanos = advanced.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private void advance(int index) {
        if (index < 0) {
            return;
        }
        lock.lock();
        try {
            if (done == index) {
                done++;
                advanced.signalAll();               // wakes the next step
            }
        } finally {
            lock.unlock();
        }
    }
    // code:end await
}

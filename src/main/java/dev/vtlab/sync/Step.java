package dev.vtlab.sync;

/**
 * One observable step of a task's update, as a {@link Trace} receives it.
 *
 * @param task  the task's name, for example {@code task 1} or {@code deposit}
 * @param kind  what happened
 * @param value the value read or written; for {@link Kind#RETRY}, the value found instead of the one read
 * @param nanos {@link System#nanoTime()} when it happened
 */
public record Step(String task, Kind kind, long value, long nanos) {

    public enum Kind {
        /** The task begins its update (before taking any guard). */
        START,
        /** The task read {@code value}. */
        READ,
        /** The task's compare-and-set failed: the cell holds {@code value}, not what it read. It will read again. */
        RETRY,
        /** The task stored {@code value}. */
        WRITE,
        /** The task's update is over (after releasing any guard). */
        FINISH
    }
}

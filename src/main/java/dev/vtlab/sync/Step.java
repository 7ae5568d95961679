package dev.vtlab.sync;

/**
 * One observable step of a task's update, as a {@link Trace} receives it.
 *
 * @param task   the task's name, for example {@code task 1} or {@code deposit}
 * @param kind   what happened
 * @param value  the value read or written; for {@link Kind#RETRY}, the value found instead of the one read
 * @param nanos  {@link System#nanoTime()} when it happened
 * @param holder for {@link Kind#WAIT}, the task that held the guard when this one arrived; empty otherwise
 */
public record Step(String task, Kind kind, long value, long nanos, String holder) {

    public Step {
        if (holder == null) {
            throw new IllegalArgumentException("holder must not be null; use \"\" for none");
        }
    }

    public Step(String task, Kind kind, long value, long nanos) {
        this(task, kind, value, nanos, "");
    }

    /** The caller read {@code value} before waiting for the tasks ({@link Kind#PEEK}). */
    public static Step peek(String caller, long value) {
        return new Step(caller, Kind.PEEK, value, System.nanoTime());
    }

    /** The steps of one update, in the order one task takes them. */
    public enum Kind {
        /** The task arrives at its update, before it takes any guard. */
        ARRIVE,
        /** The guard was held by {@code holder} when the task arrived: it waits for its turn. */
        WAIT,
        /** The task begins its update: inside the guard, if there is one ("task 1: starting update"). */
        START,
        /** The task read {@code value}. */
        READ,
        /** The task's compare-and-set failed: the cell holds {@code value}, not what it read. It will read again. */
        RETRY,
        /** The task stored {@code value}. */
        WRITE,
        /** The task's update is over: still inside the guard, if there is one ("task 1: finishing update"). */
        FINISH,
        /**
         * Not a task's step: the caller read {@code value} right after starting the tasks, before waiting for them
         * ({@code --no-join}). {@code task} names the caller.
         */
        PEEK
    }
}

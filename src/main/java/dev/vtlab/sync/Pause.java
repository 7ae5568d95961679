package dev.vtlab.sync;

import java.time.Duration;

/**
 * What a task does at a named point of its update. In a lesson it is the slow part of the work (a sleep); in a
 * test it is a barrier or a latch that forces one interleaving, so a race happens on purpose rather than by luck.
 */
@FunctionalInterface
public interface Pause {

    /** The named points of an update, in the order one task passes them. */
    enum Point {
        /** As the task arrives at its update, before it takes the guard (if its {@link Sync} has one). */
        ARRIVE,
        /** Before the task reads the cell (inside the guard, if there is one). */
        BEFORE_READ,
        /** Between the read and the write: the racy window, where the lesson's delay lives. */
        AFTER_READ,
        /** Right after the task's write took effect (still inside the guard, if there is one). */
        AFTER_WRITE
    }

    void at(Point point) throws InterruptedException;

    /** Does nothing anywhere. */
    static Pause none() {
        return NONE;
    }

    /** The one pause that does nothing: {@link #andThen} leaves it out rather than call it at every point. */
    Pause NONE = point -> { };

    /** Sleeps {@code delay} in the racy window, as the original lesson's {@code time.sleep(0.1)} does. */
    static Pause sleepAfterRead(Duration delay) {
        if (delay.isZero()) {
            return none();
        }
        // code:begin sleep
        return point -> {
            if (point == Point.AFTER_READ) {
                Thread.sleep(delay);            // --delay; a barrier in the tests
            }
        };
        // code:end sleep
    }

    /** This pause, then {@code next}, at every point. */
    default Pause andThen(Pause next) {
        if (next == NONE || this == NONE) { // a lesson's pauses are mostly none: keep its tasks' stacks shallow
            return this == NONE ? next : this;
        }
        // code:begin andThen
        return point -> {
            at(point);                          // this pause, then the next
            next.at(point);
        };
        // code:end andThen
    }
}

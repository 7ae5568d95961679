package dev.vtlab.lesson;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one run has come, in its lesson's own unit ({@link Estimate#unit()}: trials, tasks, workers): the lesson
 * counts a unit when it is done, from whichever thread finished it; the runner reads the count a few times a second
 * to draw the progress line. Counting is one atomic add, so it does not change the interleaving a lesson shows.
 *
 * <p><b>Memory visibility.</b> The count is an {@link AtomicLong}: each {@link #advance} happens-before a
 * {@link #done} that reads its result.
 */
public final class Progress {

    private final AtomicLong done = new AtomicLong(); // written by the lesson's threads, read by the runner's poller

    /** One more unit is done. */
    public void advance() {
        done.incrementAndGet();
    }

    /** The units done so far. */
    public long done() {
        return done.get();
    }
}

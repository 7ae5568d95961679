package dev.vtlab.sync;

/**
 * What a {@link Guard} guards: one task's read-add-write, in the steps a guard needs to see. The lessons write it,
 * in their own files (the racing code is the lesson); a guard only decides what may come between the steps.
 */
public interface Section {

    /** The task's name, as the story calls it. */
    String task();

    /** The task arrives at its update, before any guard. */
    void arrive() throws InterruptedException;

    /**
     * Says that the task waits, if {@code holder} (another task, read from the guard just now) holds the guard. A
     * guard calls it on arrival, before it blocks, so the wait shows while it happens.
     */
    void waitsIfHeld(String holder);

    /** The whole update: "starting update", read, add, pause, write, "finishing update". */
    Version readAddWrite() throws InterruptedException;

    /** "starting update", for a guard that repeats the rest. */
    void start();

    /**
     * One attempt: read, add, pause, then store only if nothing was written since the read.
     *
     * @return the version stored, or {@code null} if another task wrote first (the attempt is then told as failed)
     */
    Version readAddCompareAndSet() throws InterruptedException;

    /** "finishing update". */
    void finish();
}

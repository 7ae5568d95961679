package dev.vtlab.sync;

import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step.Kind;

/**
 * One task's read-add-write on a {@link Cell}, the notebook's {@code FakeDatabase.update}: say it starts, read the
 * value into a local copy, add {@code amount}, pause (the slow part), write the copy back, say it finishes. The
 * steps are the lesson; a {@link Guard} decides what may happen between them.
 *
 * <p>The lines between {@code code:begin} and {@code code:end} are what {@code --code} prints.
 *
 * @param task   the task's name, as the narrative prints it
 * @param amount what the task adds (negative for a withdrawal)
 * @param pause  what happens at each named point; a sleep in a lesson, a barrier in a test
 * @param trace  receives every step as it happens
 */
public record Update(String task, long amount, Pause pause, Trace trace) {

    public Update {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("an update needs a task name, got '" + task + "'");
        }
    }

    /** What a task holds between its read and its write: the version it read and its local copy plus amount. */
    record Pending(Version read, long local) {
    }

    // code:begin update
    /** The whole update, as the notebook's FakeDatabase.update writes it. */
    Version readAddWrite(Cell cell) throws InterruptedException {
        say(Kind.START);                        // "task 1: starting update"
        Pending p = readAndAdd(cell);
        Version written = write(cell, p);       // self.value = local_copy
        say(Kind.FINISH);                       // "task 1: finishing update"
        return written;
    }
    // code:end update

    // code:begin read-add
    /** Read into a local copy, add, and pause in the racy window. */
    Pending readAndAdd(Cell cell) throws InterruptedException {
        pause.at(Point.BEFORE_READ);
        Version read = cell.read();             // local_copy = self.value
        trace.on(step(Kind.READ, read.value()));
        long local = read.value() + amount;     // local_copy += 10
        pause.at(Point.AFTER_READ);             // time.sleep(0.1): racy window
        return new Pending(read, local);
    }
    // code:end read-add

    // code:begin write
    /** Stores the local copy, whatever the cell holds now. */
    private Version write(Cell cell, Pending p) throws InterruptedException {
        return wrote(cell.write(task, p.read(), p.local()));
    }
    // code:end write

    // code:begin compare-and-set
    /** Stores the copy only if the cell still holds the version read. */
    Version compareAndSet(Cell cell, Pending p) throws InterruptedException {
        Version written = cell.compareAndSet(task, p.read(), p.local());
        if (written == null) {                  // another task wrote first
            trace.on(step(Kind.RETRY, cell.value())); // "...reading again"
            return null;
        }
        return wrote(written);
    }
    // code:end compare-and-set

    // code:begin wrote
    private Version wrote(Version written) throws InterruptedException {
        trace.on(step(Kind.WRITE, written.value()));
        pause.at(Point.AFTER_WRITE);            // tests may wait here
        return written;
    }
    // code:end wrote

    // code:begin arrive
    /** The task arrives at its update, before any guard. */
    void arrive() throws InterruptedException {
        trace.on(step(Kind.ARRIVE, 0));
        pause.at(Point.ARRIVE);                 // the account's jitter
    }
    // code:end arrive

    /**
     * Says that the task waits, if {@code holder} (another task, read from the guard just now) holds the guard. A
     * guard calls it on arrival, before it blocks, so the wait shows while it happens.
     */
    void waitsIfHeld(String holder) {
        if (holder != null && !holder.equals(task)) {
            trace.on(new Step(task, Kind.WAIT, 0, System.nanoTime(), holder));
        }
    }

    void say(Kind kind) {
        trace.on(step(kind, 0));
    }

    private Step step(Kind kind, long value) {
        return new Step(task, kind, value, System.nanoTime());
    }
}

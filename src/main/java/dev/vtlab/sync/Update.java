package dev.vtlab.sync;

import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step.Kind;

/**
 * One task's read-add-write on a {@link Cell}: read the value into a local copy, add {@code amount}, pause (the
 * slow part), write the copy back. The steps are the lesson; a {@link Sync} decides what guards them.
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
    private record Pending(Version read, long local) {
    }

    /** Read into a local copy, add, and pause in the racy window. */
    private Pending readAndAdd(Cell cell) throws InterruptedException {
        pause.at(Point.BEFORE_READ);
        Version read = cell.read();
        trace.on(step(Kind.READ, read.value()));
        long local = read.value() + amount;
        pause.at(Point.AFTER_READ);
        return new Pending(read, local);
    }

    private Version wrote(Version written) throws InterruptedException {
        trace.on(step(Kind.WRITE, written.value()));
        pause.at(Point.AFTER_WRITE);
        return written;
    }

    /** Read, add, pause, write; no guard of its own. */
    Version readAddWrite(Cell cell) throws InterruptedException {
        Pending p = readAndAdd(cell);
        return wrote(cell.write(task, p.read(), p.local()));
    }

    /**
     * Read, add, pause, then store only if nobody wrote in between; otherwise start again from a fresh read. Each
     * retry repeats the pause, which is why compare-and-set is a poor fit for a slow critical section.
     */
    Version compareAndSetLoop(Cell cell) throws InterruptedException {
        while (true) {
            Pending p = readAndAdd(cell);
            Version written = cell.compareAndSet(task, p.read(), p.local());
            if (written != null) {
                return wrote(written);
            }
            trace.on(step(Kind.RETRY, cell.value()));
        }
    }

    void started() throws InterruptedException {
        trace.on(step(Kind.START, 0));
        pause.at(Point.START);
    }

    void finished(Version written) {
        trace.on(step(Kind.FINISH, written.value()));
    }

    private Step step(Kind kind, long value) {
        return new Step(task, kind, value, System.nanoTime());
    }
}

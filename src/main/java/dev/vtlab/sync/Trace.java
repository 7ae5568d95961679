package dev.vtlab.sync;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Receives each {@link Step} of every task as it happens. Called from the task threads, concurrently: an
 * implementation must be thread-safe and must not block for long, or it changes the interleaving it observes.
 */
@FunctionalInterface
public interface Trace {

    void on(Step step);

    /**
     * False if this trace does nothing with a step of {@code kind}, so a task need not make one: an account trial
     * that nobody watches hears only who read first and how often a compare-and-set failed, and making its eight
     * other steps (a record and a clock reading each) was an eighth of a 10,000-trial run's samples (BENCH.md §4).
     */
    default boolean hears(Step.Kind kind) {
        return true;
    }

    /**
     * The trace one task tells its steps to, asked once per task before it starts: this one, unless the trace keeps
     * something per task (the recording's open event between a task's read and its write), which a trace of its
     * own holds without a map or a thread-local.
     */
    default Trace forTask() {
        return this;
    }

    /** Hears nothing. */
    static Trace none() {
        return NONE;
    }

    /** {@link #none()}: {@link #and} leaves it out. */
    Trace NONE = new Trace() {
        @Override
        public void on(Step step) {
        }

        @Override
        public boolean hears(Step.Kind kind) {
            return false;
        }
    };

    /** Both traces, this one first. */
    default Trace and(Trace other) {
        if (other == NONE || this == NONE) {
            return this == NONE ? other : this;
        }
        Trace first = this;
        return new Trace() {
            @Override
            public void on(Step step) {
                first.on(step);
                other.on(step);
            }

            @Override
            public boolean hears(Step.Kind kind) {
                return first.hears(kind) || other.hears(kind);
            }

            @Override
            public Trace forTask() {
                Trace a = first.forTask();
                Trace b = other.forTask();
                return a == first && b == other ? this : a.and(b);
            }
        };
    }

    /**
     * Keeps every step in arrival order.
     *
     * <p>It takes no lock: with a monitor, 10,000 tasks appending five steps each contended for it (Flight
     * Recorder listed the waits among the lesson's), and the appends were an eighth of a 10,000-task counter run's
     * samples.
     *
     * <p><b>Memory visibility.</b> The queue's {@code offer} happens-before a read that sees the step, so a step
     * added by a task is seen by the thread that reads the steps after joining the tasks.
     */
    final class Recorder implements Trace {
        private final Queue<Step> steps = new ConcurrentLinkedQueue<>(); // appended by tasks, read by anyone

        @Override
        public void on(Step step) {
            steps.add(step);
        }

        public List<Step> steps() {
            return List.copyOf(steps);
        }
    }
}

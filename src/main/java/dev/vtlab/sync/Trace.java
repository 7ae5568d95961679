package dev.vtlab.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Receives each {@link Step} of every task as it happens. Called from the task threads, concurrently: an
 * implementation must be thread-safe and must not block for long, or it changes the interleaving it observes.
 */
@FunctionalInterface
public interface Trace {

    void on(Step step);

    static Trace none() {
        return step -> { };
    }

    /** Both traces, this one first. */
    default Trace and(Trace other) {
        return step -> {
            on(step);
            other.on(step);
        };
    }

    /**
     * Keeps every step in arrival order.
     *
     * <p><b>Memory visibility.</b> {@code add} and {@code steps} synchronize on the recorder, so a step added by a
     * task is seen by the thread that reads the steps after joining the tasks.
     */
    final class Recorder implements Trace {
        private final List<Step> steps = new ArrayList<>(); // guarded by this; appended by tasks

        @Override
        public synchronized void on(Step step) {
            steps.add(step);
        }

        public synchronized List<Step> steps() {
            return List.copyOf(steps);
        }
    }
}

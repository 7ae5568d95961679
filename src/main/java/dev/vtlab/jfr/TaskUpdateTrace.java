package dev.vtlab.jfr;

import dev.vtlab.sync.Step;
import dev.vtlab.sync.Trace;
import dev.vtlab.sync.Version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link Trace} that turns each task's update into one {@code vtlab.TaskUpdate} event. The event begins at the
 * task's read and ends at its write, on the task's own thread, so its time in the recording is the racy window.
 * It is committed only by {@link #commit(List)} after the run, once the cell's history says whether the write was
 * overwritten; an event that is ended but not yet committed keeps its begin and end times.
 *
 * <p>When no running recording wants {@code vtlab.TaskUpdate}, every method does nothing, so a lesson can always
 * pass this trace; before Flight Recorder has started, the event class is not even loaded ({@link Gate}).
 *
 * <p>A task's event lives from its read to its write, so the trace keeps it per task: an update takes its own
 * trace from {@link #forTask()}, which holds the open event in a field; steps told to this trace itself (trial 1 of
 * the account lesson, whose two tasks share one trace) find theirs in a thread-local. Both replaced maps keyed by
 * task, whose bookkeeping was most of the recording's cost (the 10,000-task counter: 1.17x with the events begun
 * and ended but never written, 1.21x with them written); the per-task trace also spares each new virtual thread a
 * thread-local map of its own.
 *
 * <p><b>Memory visibility.</b> Ended events go into a concurrent queue: a task's offer happens-before the runner's
 * read in {@code commit}, which the caller makes after joining the tasks. A task's open event is touched only by
 * the task's own thread.
 */
public final class TaskUpdateTrace implements Trace {

    private final boolean active;
    private final ThreadLocal<OneTask> byThread = ThreadLocal.withInitial(OneTask::new); // for on() itself
    private final Queue<TaskUpdateEvent> written = new ConcurrentLinkedQueue<>(); // each task's in write order

    public TaskUpdateTrace() {
        active = Gate.open() && new TaskUpdateEvent().isEnabled();
    }

    /** Only a recording's reads, retries and writes: a task makes no other step for it. */
    @Override
    public boolean hears(Step.Kind kind) {
        return active && (kind == Step.Kind.READ || kind == Step.Kind.RETRY || kind == Step.Kind.WRITE);
    }

    /** One task's trace, with a field for its open event; this trace itself when no recording wants the events. */
    @Override
    public Trace forTask() {
        return active ? new OneTask() : this;
    }

    @Override
    public void on(Step step) {
        if (hears(step.kind())) { // false for every kind when no recording wants the events
            byThread.get().on(step);
        }
    }

    /** The events of one task, or of one thread's tasks in turn: its steps come from one thread at a time. */
    private final class OneTask implements Trace {
        private TaskUpdateEvent open; // from the task's read to its write; the task's thread only

        @Override
        public boolean hears(Step.Kind kind) {
            return TaskUpdateTrace.this.hears(kind);
        }

        @Override
        public void on(Step step) {
            switch (step.kind()) {
                case READ -> {
                    if (open == null) {
                        open = new TaskUpdateEvent();
                    }
                    open.task = step.task();
                    open.valueRead = step.value();
                    open.begin(); // a compare-and-set retry begins again: the event covers the attempt that wrote
                }
                case RETRY -> {
                    if (open != null) {
                        open.retries++;
                    }
                }
                case WRITE -> {
                    if (open != null) {
                        TaskUpdateEvent event = open;
                        open = null;
                        event.end();
                        event.valueWritten = step.value();
                        written.add(event);
                    }
                }
                case ARRIVE, WAIT, START, FINISH, PEEK -> {
                    // the update's boundaries include waiting for the guard; the event is about the read-to-write
                }
            }
        }
    }

    /**
     * Commits every ended event, marking those whose write was lost: off the chain of reads behind the final value,
     * by the same rule as the lesson's verdict ({@link Version#lost}). Call once, after the tasks have been joined.
     *
     * @param history the cell's versions in store order, as {@code CounterLesson.Database.history()} returns them
     */
    public void commit(List<Version> history) {
        if (!active) {
            return;
        }
        Set<Integer> lost = history.isEmpty() ? Set.of() : Version.lost(history);
        Map<String, List<Version>> byWriter = new HashMap<>(); // in store order; matched versions are removed
        for (Version v : history) {
            byWriter.computeIfAbsent(v.writer(), writer -> new ArrayList<>()).add(v);
        }
        for (TaskUpdateEvent event : written) {
            Version v = claim(byWriter.getOrDefault(event.task, new ArrayList<>()), event.valueWritten);
            event.version = v == null ? -1 : v.number();
            event.basedOn = v == null ? -1 : v.basedOn();
            event.overwritten = v != null && lost.contains(v.number());
            event.commit();
        }
        written.clear();
    }

    /** Removes and returns the first of this task's versions with this value: each write matches one version. */
    private static Version claim(List<Version> versions, long value) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).value() == value) {
                return versions.remove(i);
            }
        }
        return null;
    }
}

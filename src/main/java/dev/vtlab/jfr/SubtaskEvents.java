package dev.vtlab.jfr;

import dev.vtlab.lesson.SubtaskObserver;

import java.time.Duration;

/**
 * The Flight Recorder events of one subtask: {@link #start} commits {@link SubtaskStart} and begins the three
 * events that can end it, and exactly one of {@link #ended}, {@link #failed} or {@link #cancelled} commits its
 * event, so on JMC's timeline each subtask is a bar that ends in its fate.
 *
 * <p>Committing without a recording that enables the event does nothing and costs next to nothing, so the lessons
 * commit unconditionally. Before Flight Recorder has started, no event is made at all and the event classes stay
 * unloaded ({@link Gate}). An instance is confined to the subtask's own thread.
 */
public final class SubtaskEvents implements SubtaskObserver.Watch {

    /** Records every subtask of the failure lesson; pass it to {@code FailureLesson.run}. */
    public static final SubtaskObserver OBSERVER = SubtaskEvents::start;

    /** What {@link #start} returns before Flight Recorder has started: it records nothing. */
    private static final SubtaskEvents NONE = new SubtaskEvents();

    private final SubtaskEnd end;                   // all three null in NONE
    private final SubtaskFailure failure;
    private final SubtaskCancellation cancellation;

    private SubtaskEvents(String way, String subtask) {
        end = new SubtaskEnd(way, subtask);
        failure = new SubtaskFailure(way, subtask);
        cancellation = new SubtaskCancellation(way, subtask);
    }

    private SubtaskEvents() {
        end = null;
        failure = null;
        cancellation = null;
    }

    /** Call first thing in the subtask's thread. */
    public static SubtaskEvents start(String way, String subtask, Duration plannedWork) {
        if (!Gate.open()) {
            return NONE;
        }
        new SubtaskStart(way, subtask, plannedWork.toNanos()).commit();
        var events = new SubtaskEvents(way, subtask);
        events.end.begin();
        events.failure.begin();
        events.cancellation.begin();
        return events;
    }

    @Override
    public void ended() {
        if (end != null) {
            end.commit();
        }
    }

    @Override
    public void failed(Throwable thrown) {
        if (failure == null) {
            return;
        }
        failure.exception = thrown.getClass().getName();
        failure.message = thrown.getMessage();
        failure.commit();
    }

    @Override
    public void cancelled() {
        if (cancellation != null) {
            cancellation.commit();
        }
    }
}

package dev.vtlab.jfr;

import java.time.Duration;

/**
 * The Flight Recorder events of one subtask: {@link #start} commits {@link SubtaskStart} and begins the three
 * events that can end it, and exactly one of {@link #ended}, {@link #failed} or {@link #cancelled} commits its
 * event, so on JMC's timeline each subtask is a bar that ends in its fate.
 *
 * <p>Committing without a recording that enables the event does nothing and costs next to nothing, so the lessons
 * commit unconditionally. An instance is confined to the subtask's own thread.
 */
public final class SubtaskEvents {

    private final SubtaskEnd end;
    private final SubtaskFailure failure;
    private final SubtaskCancellation cancellation;

    private SubtaskEvents(String way, String subtask) {
        end = new SubtaskEnd(way, subtask);
        failure = new SubtaskFailure(way, subtask);
        cancellation = new SubtaskCancellation(way, subtask);
    }

    /** Call first thing in the subtask's thread. */
    public static SubtaskEvents start(String way, String subtask, Duration plannedWork) {
        new SubtaskStart(way, subtask, plannedWork.toNanos()).commit();
        var events = new SubtaskEvents(way, subtask);
        events.end.begin();
        events.failure.begin();
        events.cancellation.begin();
        return events;
    }

    /** The subtask returned a result. */
    public void ended() {
        end.commit();
    }

    /** The subtask is about to throw {@code thrown}. */
    public void failed(Throwable thrown) {
        failure.exception = thrown.getClass().getName();
        failure.message = thrown.getMessage();
        failure.commit();
    }

    /** The subtask saw its cancelling interrupt. */
    public void cancelled() {
        cancellation.commit();
    }
}

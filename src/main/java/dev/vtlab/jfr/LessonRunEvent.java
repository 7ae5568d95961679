package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One run of a lesson: what it was asked to do and how it ended, recorded as a {@code vtlab.LessonRun} event. Its
 * duration is the run's wall time, so in JDK Mission Control's event browser every other event of the run lies
 * inside it.
 *
 * <p>Not itself a Flight Recorder event: the event is {@link Jfr}, made only once Flight Recorder has started
 * ({@link Gate}), so a lesson that records nothing does not load it.
 */
public final class LessonRunEvent {

    private final Jfr event; // null when Flight Recorder has not started: nothing can record it

    private LessonRunEvent(Jfr event) {
        this.event = event;
    }

    /** Begins timing a run; the caller commits it with the outcome and grade when the run ends. */
    public static LessonRunEvent begin(String lesson, String setup) {
        if (!Gate.open()) {
            return new LessonRunEvent(null);
        }
        var event = new Jfr();
        event.lesson = lesson;
        event.setup = setup;
        event.begin();
        return new LessonRunEvent(event);
    }

    /** Ends the run and commits it with its outcome (a no-op when no recording wants this event). */
    public void finish(String outcome, String grade) {
        if (event == null) {
            return;
        }
        event.end();
        event.outcome = outcome;
        event.grade = grade;
        event.commit();
    }

    @Name("vtlab.LessonRun")
    @Label("Lesson Run")
    @Description("One run of a vtlab lesson: its parameters, outcome and grade; the duration is the run's wall time")
    @Category("vtlab")
    @StackTrace(false)
    static final class Jfr extends jdk.jfr.Event {

        @Label("Lesson")
        @Description("The lesson's command, such as counter or pinning")
        String lesson;

        @Label("Setup")
        @Description("The run's parameters, as the lesson's header prints them")
        String setup;

        @Label("Outcome")
        @Description("What the run ended with, in a few words")
        String outcome;

        @Label("Grade")
        @Description("EXPECTED, INTERESTING (the race or stall the lesson is about) or FORBIDDEN (a broken promise)")
        String grade;
    }
}

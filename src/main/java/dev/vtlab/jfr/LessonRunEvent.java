package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One run of a lesson: what it was asked to do and how it ended. Its duration is the run's wall time, so in JDK
 * Mission Control's event browser every other event of the run lies inside it.
 */
@Name("vtlab.LessonRun")
@Label("Lesson Run")
@Description("One run of a vtlab lesson: its parameters, outcome and grade; the duration is the run's wall time")
@Category("vtlab")
@StackTrace(false)
public final class LessonRunEvent extends jdk.jfr.Event {

    @Label("Lesson")
    @Description("The lesson's command, such as counter or pinning")
    public String lesson;

    @Label("Setup")
    @Description("The run's parameters, as the lesson's header prints them")
    public String setup;

    @Label("Outcome")
    @Description("What the run ended with, in a few words")
    public String outcome;

    @Label("Grade")
    @Description("EXPECTED, INTERESTING (the race or stall the lesson is about) or FORBIDDEN (a broken promise)")
    public String grade;

    /** Begins timing a run; the caller sets the outcome and grade and commits it when the run ends. */
    public static LessonRunEvent begin(String lesson, String setup) {
        var event = new LessonRunEvent();
        event.lesson = lesson;
        event.setup = setup;
        event.begin();
        return event;
    }

    /** Ends the run and commits it with its outcome (a no-op when no recording wants this event). */
    public void finish(String outcome, String grade) {
        end();
        this.outcome = outcome;
        this.grade = grade;
        commit();
    }
}

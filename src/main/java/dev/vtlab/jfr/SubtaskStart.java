package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A lesson's subtask began its work. An instant: the subtask's own thread commits it as its first act. */
@Name("vtlab.SubtaskStart")
@Label("Subtask Start")
@Description("A lesson's subtask began its work")
@Category("vtlab")
@StackTrace(false)
public final class SubtaskStart extends Event {

    @Label("Way")
    @Description("How the caller runs and awaits the subtasks, such as ShutdownOnFailure")
    String way;

    @Label("Subtask")
    @Description("The subtask's name, such as task 3")
    String subtask;

    @Label("Planned Work")
    @Description("How long the subtask means to work before it ends or fails, if nothing cancels it")
    @Timespan(Timespan.NANOSECONDS)
    long plannedWork;

    SubtaskStart(String way, String subtask, long plannedWork) {
        this.way = way;
        this.subtask = subtask;
        this.plannedWork = plannedWork;
    }
}

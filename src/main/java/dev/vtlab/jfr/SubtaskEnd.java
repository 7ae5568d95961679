package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A lesson's subtask finished its work and returned a result. Its duration spans the whole subtask. */
@Name("vtlab.SubtaskEnd")
@Label("Subtask End")
@Description("A lesson's subtask finished its work and returned a result; the duration spans the subtask")
@Category("vtlab")
@StackTrace(false)
public final class SubtaskEnd extends Event {

    @Label("Way")
    @Description("How the caller runs and awaits the subtasks, such as ShutdownOnFailure")
    String way;

    @Label("Subtask")
    @Description("The subtask's name, such as task 1")
    String subtask;

    SubtaskEnd(String way, String subtask) {
        this.way = way;
        this.subtask = subtask;
    }
}

package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A lesson's subtask saw the interrupt that cancels it (a scope shutting down) and stopped its work. Its duration
 * spans the subtask, from its start to the moment it saw the interrupt.
 */
@Name("vtlab.SubtaskCancellation")
@Label("Subtask Cancellation")
@Description("A lesson's subtask saw the interrupt that cancels it and stopped; the duration spans the subtask")
@Category("vtlab")
@StackTrace(false)
public final class SubtaskCancellation extends Event {

    @Label("Way")
    @Description("How the caller runs and awaits the subtasks, such as ShutdownOnFailure")
    String way;

    @Label("Subtask")
    @Description("The subtask's name, such as task 1")
    String subtask;

    SubtaskCancellation(String way, String subtask) {
        this.way = way;
        this.subtask = subtask;
    }
}

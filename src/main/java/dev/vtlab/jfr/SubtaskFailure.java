package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A lesson's subtask threw. Its duration spans the subtask, from its start to the throw. */
@Name("vtlab.SubtaskFailure")
@Label("Subtask Failure")
@Description("A lesson's subtask threw an exception; the duration spans the subtask, from its start to the throw")
@Category("vtlab")
@StackTrace(false)
public final class SubtaskFailure extends Event {

    @Label("Way")
    @Description("How the caller runs and awaits the subtasks, such as ShutdownOnFailure")
    String way;

    @Label("Subtask")
    @Description("The subtask's name, such as task 3")
    String subtask;

    @Label("Exception")
    @Description("The class of the exception the subtask threw")
    String exception;

    @Label("Message")
    @Description("The message of the exception the subtask threw")
    String message;

    SubtaskFailure(String way, String subtask) {
        this.way = way;
        this.subtask = subtask;
    }
}

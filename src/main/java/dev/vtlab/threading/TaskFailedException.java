package dev.vtlab.threading;

/** A task of a run threw; the cause is the task's own exception, unwrapped. */
public final class TaskFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public TaskFailedException(Throwable cause) {
        super("a task failed: " + cause, cause);
    }
}

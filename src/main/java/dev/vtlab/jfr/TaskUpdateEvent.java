package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One task's read-add-write on the lessons' fake database, from its (last) read to its write. Committed after the
 * run by {@link TaskUpdateTrace}, because whether the write was overwritten is only known then; begin and end are
 * still taken when the task read and wrote.
 */
@Name("vtlab.TaskUpdate")
@Label("Task Update")
@Description("One task's read-add-write on the fake database, from its read to its write, and whether a later"
        + " writer that never saw it overwrote the value (a lost update)")
@Category("vtlab")
@StackTrace(false)
public final class TaskUpdateEvent extends jdk.jfr.Event {

    @Label("Task")
    @Description("The task's name, as the narrative prints it")
    public String task;

    @Label("Value Read")
    public long valueRead;

    @Label("Value Written")
    public long valueWritten;

    @Label("Version Written")
    @Description("The number of the version this write stored (0 is the initial value), or -1 if not found")
    public int version;

    @Label("Version Read")
    @Description("The number of the version the task had read when it wrote, or -1 if not found")
    public int basedOn;

    @Label("Overwritten")
    @Description("True if a later writer that had not read this value overwrote it: a lost update")
    public boolean overwritten;

    @Label("Retries")
    @Description("How many compare-and-set attempts failed before this write")
    public int retries;
}

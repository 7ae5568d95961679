package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One trial of the account lesson: the balance it started and ended with, and how that was judged. The lesson's
 * runner fills the fields and commits one per trial; {@code vtlab jfr FILE} rebuilds the distribution of ending
 * balances from these events.
 */
@Name("vtlab.AccountTrial")
@Label("Account Trial")
@Description("One trial of the account lesson: starting and ending balance, outcome and grade")
@Category("vtlab")
@StackTrace(false)
public final class AccountTrialEvent extends jdk.jfr.Event {

    @Label("Trial")
    @Description("The trial's number, from 1")
    public int trial;

    @Label("Starting Balance")
    public long startingBalance;

    @Label("Ending Balance")
    public long endingBalance;

    @Label("Outcome")
    @Description("What the trial ended with, such as consistent, lost update or overdrawn")
    public String outcome;

    @Label("Grade")
    @Description("EXPECTED, INTERESTING or FORBIDDEN")
    public String grade;
}

package dev.vtlab.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One trial of the account lesson: the balance it started and ended with, and how that was judged. The lesson's
 * runner fills the fields and commits one per trial as a {@code vtlab.AccountTrial} event; {@code vtlab jfr FILE}
 * rebuilds the distribution of ending balances from these events.
 *
 * <p>Not itself a Flight Recorder event: {@link #commit} copies the fields into {@link Jfr}, which is made only once
 * Flight Recorder has started ({@link Gate}), so a lesson that records nothing does not load it.
 */
public final class AccountTrialEvent {

    // Filled by the lesson's runner on its own thread, then committed by it: no other thread sees them.
    /** The trial's number, from 1. */
    public int trial;
    public long startingBalance;
    public long endingBalance;
    /** What the trial ended with, such as consistent, lost update or overdrawn. */
    public String outcome;
    /** EXPECTED, INTERESTING or FORBIDDEN. */
    public String grade;

    /** True if a running recording wants {@code vtlab.AccountTrial}: only then is it worth filling one per trial. */
    public boolean isEnabled() {
        return Gate.open() && new Jfr().isEnabled();
    }

    /** Records the fields as one event (a no-op when no recording wants it). */
    public void commit() {
        if (!Gate.open()) {
            return;
        }
        var event = new Jfr();
        event.trial = trial;
        event.startingBalance = startingBalance;
        event.endingBalance = endingBalance;
        event.outcome = outcome;
        event.grade = grade;
        event.commit();
    }

    @Name("vtlab.AccountTrial")
    @Label("Account Trial")
    @Description("One trial of the account lesson: starting and ending balance, outcome and grade")
    @Category("vtlab")
    @StackTrace(false)
    static final class Jfr extends jdk.jfr.Event {

        @Label("Trial")
        @Description("The trial's number, from 1")
        int trial;

        @Label("Starting Balance")
        long startingBalance;

        @Label("Ending Balance")
        long endingBalance;

        @Label("Outcome")
        @Description("What the trial ended with, such as consistent, lost update or overdrawn")
        String outcome;

        @Label("Grade")
        @Description("EXPECTED, INTERESTING or FORBIDDEN")
        String grade;
    }
}

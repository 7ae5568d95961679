package dev.vtlab.course;

/**
 * Whether a step of the course showed its point, by its rule in {@link Syllabus}. The exit code and the JUnit XML
 * follow from it: a CI job that gates on the course fails on {@link #FAILED} (exit code 3, a {@code failure}) and on
 * {@link #ERROR}, and reports {@link #INCONCLUSIVE} as a skipped test with the reason.
 */
public enum Verdict {
    /** The step showed what it is there to show: the race, the fix, the stall, the lost failure. */
    SHOWN("shown"),
    /**
     * Nothing was broken, yet the point did not show this time: an unguarded run that happened to lose nothing, a
     * heartbeat that did not stall. A race can only be shown, never proved absent (jcstress's rule), so this is not
     * a failure.
     */
    INCONCLUSIVE("inconclusive"),
    /** A promise was broken: a FORBIDDEN grade, or a forced schedule that did not force its ending. */
    FAILED("FAILED"),
    /** The step could not run to its end (its exit code was neither 0 nor 3): the environment or a vtlab bug. */
    ERROR("ERROR"),
    /** The course was stopped (Ctrl-C, SIGTERM) before this step ended. */
    NOT_RUN("not run");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The verdict as the console and the page print it. */
    public String word() {
        return word;
    }
}

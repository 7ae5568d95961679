package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure command end to end, with short real sleeps. Only facts that hold whatever the timing are asserted:
 * the exact fates and times are the lesson tests' business, where latches force them.
 */
@Timeout(30)
class FailureCommandTest {

    @Test
    void showsTheFourWaysAndExitsZero() {
        Run run = run("failure", "--fail-after", "1ms", "--work", "100ms");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("task 3 throws IllegalStateException after 1 ms"), out);
        assertTrue(out.contains("1 submit, never get()") && out.contains("success (the failure was lost)"), out);
        assertTrue(out.contains("2 Future.get() in order"), out);
        assertTrue(out.contains("3 ShutdownOnFailure"), out);
        assertTrue(out.contains("ExecutionException(IllegalStateException)"), out);
        assertTrue(out.contains("4 ShutdownOnSuccess"), out);
        assertTrue(out.contains("What the lesson showed:"), out);
        assertTrue(out.contains("INTERESTING"), out);
        assertFalse(out.contains("FORBIDDEN"), out);
        assertEquals("", run.err());
    }

    @Test
    void theControlRunsWithoutAFailure() {
        Run run = run("failure", "--no-failure", "--threads", "platform", "--fail-after", "0", "--work", "20ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--no-failure: the control"), run.out());
        assertTrue(run.out().contains("nothing failed"), run.out());
        assertFalse(run.out().contains("INTERESTING"), run.out());
    }

    @Test
    void theExceptionAndTheFailingTaskAreChosen() {
        Run run = run("failure", "--exception", "TIMEOUT", "--fail", "1", "--fail-after", "0", "--work", "20ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("task 1 throws TimeoutException"), run.out());
        assertTrue(run.out().contains("ExecutionException(TimeoutException)"), run.out());
    }

    @Test
    void helpHasAnExampleForEveryOption() {
        Run run = run("failure", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--threads", "--fail", "--fail-after", "--work", "--exception",
            "--no-failure"}) {
            assertTrue(run.out().contains("Example: " + option), "no example for " + option);
        }
        assertTrue(run.out().contains("platform, virtual"), run.out());
        assertTrue(run.out().contains("illegal-state, io, timeout"), run.out());
        assertTrue(run("--help").out().contains("failure"), "vtlab --help lists the lesson");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--threads scope              | '--threads': unknown value 'scope'; use one of platform, virtual",
        "--fail 4                     | '--fail': 4 is out of range; use a whole number from 1 to 3",
        "--exception oom              | '--exception': unknown value 'oom'; use one of illegal-state, io, timeout",
        "--fail-after 2s --work 1s    | '--fail-after': 2000 ms is not less than --work (1000 ms)",
        "--work soon                  | '--work': 'soon' is not a duration"})
    void badInputIsOneLineNamingTheOptionAndExitsTwo(String args, String expected) {
        Run run = run(("failure " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, got: " + run.err());
        assertEquals("", run.out());
    }
}

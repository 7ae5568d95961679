package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Tag;
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
@Tag("jdk25") // runs on JDK 21, and on JDK 25 against the jar: ways 3 to 5 with each JDK's scopes
class FailureCommandTest {

    private static final int JDK = Runtime.version().feature();

    @Test
    void showsTheFiveWaysAndExitsZero() {
        Run run = run("failure", "--fail-after", "40ms", "--work", "200ms");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("task 3 throws IllegalStateException after 40 ms"), out);
        assertTrue(out.contains("1 submit, never get()") && out.contains("success (the failure was lost)"), out);
        assertTrue(out.contains("2 Future.get() in order"), out);
        assertTrue(out.contains(JDK == 21 ? "3 ShutdownOnFailure" : "3 open()"), out);
        assertTrue(out.contains(JDK == 21 ? "ExecutionException(IllegalStateException)"
                : "FailedException(IllegalStateException)"), out);
        assertTrue(out.contains(JDK == 21 ? "4 ShutdownOnSuccess" : JDK == 25 ? "4 anySuccessfulResult"
                : "4 anySuccessfulOrThrow"), out);
        assertTrue(out.matches("(?s).*5 (joinUntil\\(deadline\\)|open\\(\\) withTimeout)\\s+\\d+\\s+-\\s+"
                + "TimeoutException\\n.*"), out);
        assertTrue(out.replaceAll("\\s+", " ").contains("the deadline (20 ms) passed first"), out);
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

    /** A deadline after the failure: way 5 throws the failure as its cause, as way 3 does. */
    @Test
    void aDeadlineAfterTheFailureThrowsTheFailure() {
        Run run = run("failure", "--fail-after", "1ms", "--work", "3s", "--timeout", "2s");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().replaceAll("\\s+", " ").contains("task 3 failed before the deadline (2000 ms)"),
                run.out());
    }

    /** --code prints each way; ways 3 to 5 both as JDK 21 and as JDK 25 write them, whatever JDK runs it. */
    @Test
    void codeShowsEachScopeWayAsJdk21AndJdk25WriteIt() {
        Run run = run("failure", "--code");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        for (String part : new String[] {"executor.submit(task);", "future.get()",
            "new StructuredTaskScope.ShutdownOnFailure()", "scope.throwIfFailed();",
            "new StructuredTaskScope.ShutdownOnSuccess<T>()", "scope.joinUntil(Instant.now().plus(timeout));",
            "StructuredTaskScope.<T>open()", "Joiner.<T>anySuccessfulResultOrThrow()",
            "config -> config.withTimeout(timeout)", "java25/threading/StructuredRunner.java"}) {
            assertTrue(out.contains(part), part + "\n" + out);
        }
        assertTrue(out.indexOf("Way 3 on JDK 21") < out.indexOf("Way 3 on JDK 25"), out);
    }

    @Test
    void helpHasAnExampleForEveryOption() {
        Run run = run("failure", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--threads", "--fail", "--fail-after", "--work", "--exception",
            "--no-failure", "--timeout", "--code"}) {
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
        "--work soon                  | '--work': 'soon' is not a duration",
        "--timeout 0                  | '--timeout': 0 ms; use more than 0 and at most 60s"})
    void badInputIsOneLineNamingTheOptionAndExitsTwo(String args, String expected) {
        Run run = run(("failure " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, got: " + run.err());
        assertEquals("", run.out());
    }
}

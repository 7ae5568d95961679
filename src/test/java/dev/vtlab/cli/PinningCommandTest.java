package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinningCommandTest {

    /** Bad values are refused in this JVM, before any child JVM starts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--workers 0      | '--workers': 0 is out of range",
        "--carriers 99    | '--carriers': 99 is out of range",
        "--lock mutex     | '--lock': unknown value 'mutex'; use one of synchronized, lock, class-init, none",
        "--tick 0         | '--tick': 0 is too short",
        "--hold 11s       | '--hold': 11000 ms is longer than 10 s"})
    @Timeout(10)
    void badInputIsOneLineAndExitsTwo(String args, String expected) {
        Run run = run(("pinning " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    /** The control: without a lock every worker sleeps at once and the heartbeat never stalls. */
    @Test
    @Timeout(30)
    void withoutALockTheWorkersOverlapAndTheHeartbeatKeepsTicking() {
        Run run = run("pinning", "--lock", "none", "--workers", "3", "--hold", "50ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on 2 carrier threads (JDK "), run.out());
        assertTrue(run.out().contains("EXPECTED: the heartbeat kept ticking."), run.out());
    }
}

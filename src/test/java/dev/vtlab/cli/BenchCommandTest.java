package dev.vtlab.cli;

import dev.vtlab.bench.JmhLaunch;
import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class BenchCommandTest {

    /** One row of the scale suite in a real child JVM: the same java, the same classes, --enable-preview. */
    @Test
    @Timeout(60)
    void quickScaleRunsInAChildJvmAndPrintsMedianMinMaxRuns() {
        Run run = CliTest.run("bench", "scale", "--quick", "--only", "virtual", "--runs", "2");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("## scale"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(
                "\\| newVirtualThreadPerTaskExecutor\\(\\) \\| 1,000 \\| 10 ms \\| "
                        + "[0-9.,]+( \\[[0-9.,]+–[0-9.,]+\\])? \\(2\\) \\|.*")),
                out);
        assertTrue(run.err().contains("bench [1/1] scale newVirtualThreadPerTaskExecutor()"), run.err());
    }

    /** The overlap column: a percentage per run, for 2 platform and 2 virtual threads. */
    @Test
    @Timeout(60)
    void quickLocksPrintsHowLongTheThreadsOverlapped() {
        Run run = CliTest.run("bench", "locks", "--quick", "--only", "atomic");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.lines().anyMatch(l -> l.startsWith("| way | threads | increments | M increments/s | "
                + "lost updates | overlap % |")), out);
        for (String threads : new String[] {"2 platform", "2 virtual"}) {
            assertTrue(out.lines().anyMatch(l -> l.matches("\\| AtomicLong.incrementAndGet \\| " + threads
                    + " \\| 200,000 \\| [0-9.,]+ \\(1\\) \\| 0 \\(1\\) \\| [0-9.]+ \\(1\\) \\|.*")), out);
        }
    }

    @Test
    @Timeout(60)
    void jsonHasEveryRunOfEveryRow() {
        Run run = CliTest.run("bench", "locks", "--quick", "--only", "volatile", "--runs", "2", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out().strip();
        assertTrue(out.startsWith("{\"jdk\":") && out.endsWith("]}"), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("{\"suite\":\"locks\"")).count(), out);
        assertTrue(out.contains("\"runs\":[{\"lost\":"), out);
        assertTrue(out.contains("\"overlap %\":{\"median\":"), out);
        assertTrue(out.contains("\"overlap_ppm\":"), out);
        assertFalse(out.contains("## locks"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scale --runs 0        | '--runs': 0 is out of range; use a whole number from 1 to 1000",
        "scale --warmup -1     | '--warmup': -1 is out of range",
        "scale --tasks 0       | '--tasks': 0 is out of range; use a whole number from 1 to 2000000",
        "scale --tasks 3000000 | '--tasks': 3000000 is out of range",
        "scale --delay soon    | '--delay': 'soon' is not a duration",
        "locks --ops 10        | '--ops': 10 is out of range",
        "scale --only adder    | '--only': unknown way 'adder'; use one of fixed, cached, per-task, virtual",
        "scale --format xml    | '--format': unknown value 'xml'; use one of text, json",
        "warp                  | unknown suite 'warp'; use one of scale, locks, scope"})
    @Timeout(10)
    void badValuesAreOneLineAndExitTwo(String args, String expected) {
        Run run = CliTest.run(("bench " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scale --jmh",
        "locks scope --jmh",
        "locks --jmh --format json",
        "locks --jmh --only adder",
        "locks --jmh --ops 100000"})
    @Timeout(10)
    void jmhRunsTheLocksBenchmarksAlone(String args) {
        Run run = CliTest.run(("bench " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("'--jmh': it runs the JMH Locks benchmarks alone"), run.err());
        assertEquals("", run.out());
    }

    /** Without ./mvnw -Pjmh package there is no benchmarks jar: exit 4 and say how to build it. */
    @Test
    @Timeout(10)
    void jmhWithoutTheBenchmarksJarSaysHowToBuildIt() {
        Path jar = JmhLaunch.besideClassPath(System.getProperty("java.class.path"));
        assumeFalse(Files.exists(jar), jar + " exists (an earlier -Pjmh build)");
        Run run = CliTest.run("bench", "locks", "--jmh");
        assertEquals(ExitCode.ENVIRONMENT.code(), run.exitCode());
        assertTrue(run.err().contains("build it with ./mvnw -Pjmh -DskipTests package"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    @Timeout(10)
    void theChildCommandIsHiddenFromTheLessonList() {
        Run run = CliTest.run("--help");
        assertTrue(run.out().contains("bench"), run.out());
        assertFalse(run.out().contains("bench-child"), run.out());
    }
}

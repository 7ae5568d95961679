package dev.vtlab.cli;

import dev.vtlab.bench.JmhLaunch;
import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void jsonHasEveryRunOfEveryRow() throws Exception {
        Run run = CliTest.run("bench", "locks", "--quick", "--only", "volatile", "--runs", "2", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertEquals("bench", doc.get("lesson").asText());
        assertEquals(2, doc.get("runs").size(), run.out());
        for (var row : doc.get("runs")) {
            assertEquals("locks", row.get("suite").asText());
            assertEquals(2, row.get("runs").size(), row.toString());
            assertTrue(row.at("/runs/0/lost").isIntegralNumber(), row.toString());
            assertTrue(row.at("/runs/0/overlap_ppm").isIntegralNumber(), row.toString());
            assertTrue(row.at("/figures/overlap %/median").isNumber(), row.toString());
            assertTrue(row.at("/params/ops").isIntegralNumber(), "numbers as numbers: " + row.get("params"));
        }
        assertEquals(2, doc.at("/summary/planned").asInt());
        assertFalse(run.out().contains("## locks"), run.out());
    }

    /** The lesson and the plain program, each a whole JVM, one round: both times, their ratio, both memories. */
    @Test
    @Timeout(120)
    void quickTrialsSetsTheLessonBesideThePlainProgram() {
        Run run = CliTest.run("bench", "trials", "--quick", "--trials", "200", "--delay", "1ms");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("| N | lab | plain | lab in-process ms | plain in-process ms | in-process ratio |"
                + " lab wall ms | plain wall ms | wall ratio | lab peak RSS MB | plain peak RSS MB | RSS ratio |"), out);
        // Not from the jar beside ./vtlab (the tests run class directories): the lab is started as java ... Main.
        String number = "[0-9.,]+";
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| 200 \\| java … dev\\.vtlab\\.Main account \\| "
                + "baseline\\.PlainTrials \\| " + number + " \\(1\\) \\| " + number + " \\(1\\) \\| " + number
                + " \\| " + number + " \\(1\\) \\| " + number + " \\(1\\) \\| " + number + " \\|.*")), out);
        // and the counter's 1,000 unguarded tasks (--quick) beside baseline.PlainCounter
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| 1,000 \\| java … dev\\.vtlab\\.Main counter \\| "
                + "baseline\\.PlainCounter \\| " + number + " \\(1\\) \\| " + number + " \\(1\\) \\| .*")), out);
        assertTrue(out.contains("load average at the start: ") && out.contains("Load average at the end: "), out);
    }

    /** Start-up against java Hello; without the launcher there is no archive to compare, and the cds rows say so. */
    @Test
    @Timeout(120)
    void quickStartSetsEachCommandBesideHello() {
        Run run = CliTest.run("bench", "start", "--quick", "--only", "help,cds");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| java … dev\\.vtlab\\.Main --help \\| java baseline\\.Hello"
                + " \\| [0-9.,]+ \\(1\\) \\| [0-9.,]+ \\(1\\) \\| [0-9.]+ \\|.*")), out);
        assertTrue(out.contains("| java … dev.vtlab.Main counter --delay 0 | the same with VTLAB_CDS=0 | skipped: the"
                + " archive is the launcher's"), out);
        assertFalse(out.contains("| java … dev.vtlab.Main counter --delay 0 | java baseline.Hello"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "trials --trials 200000000 | '--trials': 200000000 is out of range; use a whole number from 1 to 100000000",
        "scale --runs 0        | '--runs': 0 is out of range; use a whole number from 1 to 1000",
        "scale --warmup -1     | '--warmup': -1 is out of range",
        "scale --tasks 0       | '--tasks': 0 is out of range; use a whole number from 1 to 2000000",
        "scale --tasks 3000000 | '--tasks': 3000000 is out of range",
        "scale --delay soon    | '--delay': 'soon' is not a duration",
        "locks --ops 10        | '--ops': 10 is out of range",
        "scale --only adder    | '--only': unknown way 'adder'; use one of fixed, cached, per-task, virtual",
        "scale --format xml    | '--format': unknown value 'xml'; use one of text, json",
        "warp                  | unknown value 'warp'; use one of scale, locks, scope, trials, start"})
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
        "locks --jmh --ops 100000",
        "locks --jmh --trials 10"})
    @Timeout(10)
    void jmhRunsTheLocksBenchmarksAlone(String args) {
        Run run = CliTest.run(("bench " + args).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("'--jmh': it runs the JMH Locks benchmarks alone"), run.err());
        assertEquals("", run.out());
    }

    /** Without ./vtlab build -Pjmh there is no benchmarks jar: exit 4 and say how to build it. */
    @Test
    @Timeout(10)
    void jmhWithoutTheBenchmarksJarSaysHowToBuildIt() {
        Path jar = JmhLaunch.besideClassPath(System.getProperty("java.class.path"));
        assumeFalse(Files.exists(jar), jar + " exists (an earlier -Pjmh build)");
        Run run = CliTest.run("bench", "locks", "--jmh");
        assertEquals(ExitCode.ENVIRONMENT.code(), run.exitCode());
        assertTrue(run.err().contains("build it with ./vtlab build -Pjmh"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    /** No java to start the child with: the machine's fault, exit 4, and the error's own words on the last line. */
    @Test
    @Timeout(20)
    void aChildJvmThatCannotStartIsTheEnvironment(@TempDir Path dir) {
        Run run = runWithJava(dir.resolve("no-java").toString(), "bench", "scale", "--quick", "--only", "virtual");
        assertEquals(ExitCode.ENVIRONMENT.code(), run.exitCode(), run.err());
        String last = run.err().strip().lines().toList().getLast();
        assertTrue(last.startsWith("./vtlab bench: cannot run a child JVM: Cannot run program"), run.err());
        assertFalse(last.contains("internal error"), run.err());
    }

    /**
     * A child's exit code says whose fault it was: 1 (an uncaught exception) and 2 (arguments the parent built) are
     * vtlab's; a JVM that could not be created, ran out of memory (3 under ExitOnOutOfMemoryError), reported its
     * environment (4) or died of a signal other than Ctrl-C's or a kill's (SIGKILL included: the OOM killer's) are
     * the machine's.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1   | Exception in thread main java.lang.IllegalStateException: boom | 1",
        "2   | bench-child: Unknown option: --bad                                | 1",
        "1   | Error: Could not create the Java Virtual Machine.                | 4",
        "3   | Terminating due to java.lang.OutOfMemoryError: Java heap space   | 4",
        "4   | bench-child: cannot write                                        | 4",
        "134 | # A fatal error has been detected by the Java Runtime Environment | 4",
        "137 | Killed                                                           | 4"})
    @Timeout(20)
    void aFailedChildIsABugOrTheEnvironmentByItsExitCode(int childExit, String childErr, int expected,
                                                         @TempDir Path dir) throws Exception {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '" + childErr + "' >&2\nexit " + childExit + "\n");
        assertTrue(java.toFile().setExecutable(true), "chmod +x " + java);
        Run run = runWithJava(java.toString(), "bench", "scale", "--quick", "--only", "virtual");
        assertEquals(expected, run.exitCode(), run.err());
        String last = run.err().strip().lines().toList().getLast();
        assertTrue(last.startsWith("./vtlab bench: the child JVM for 'scale newVirtualThreadPerTaskExecutor()"
                + ", 1,000, 10 ms' exited with " + childExit), run.err());
        assertTrue(last.contains(childErr), run.err());
        assertEquals("", run.out().lines().filter(l -> l.startsWith("|")).findAny().orElse(""), run.out());
    }

    /** {@link CliTest#run} with the bench command's {@code java} replaced. */
    private static Run runWithJava(String java, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine cli = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true));
        ((BenchCommand) cli.getSubcommands().get("bench").getCommand()).javaExecutable = java;
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(10)
    void theChildCommandIsHiddenFromTheLessonList() {
        Run run = CliTest.run("--help");
        assertTrue(run.out().contains("bench"), run.out());
        assertFalse(run.out().contains("bench-child"), run.out());
    }
}

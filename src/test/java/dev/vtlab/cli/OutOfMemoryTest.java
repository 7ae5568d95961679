package dev.vtlab.cli;

import dev.vtlab.report.Style;
import dev.vtlab.testing.ChildVtlab;
import dev.vtlab.testing.Recordings;
import dev.vtlab.threading.TaskFailedException;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running out of memory is the environment, not a bug: one line that says what ran out and how to give more, exit
 * code 4, the stack trace only with --stacktrace; whether the command itself ran out or one of its tasks did.
 */
class OutOfMemoryTest {

    /** A stand-in for a lesson that runs out of memory, on its own thread or in a task. */
    @Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Option(names = "--in-task")
        boolean inTask;

        @Override
        public Integer call() throws TaskFailedException {
            var oom = new OutOfMemoryError("Java heap space");
            if (inTask) {
                throw new TaskFailedException(oom); // how a task's error reaches the command (ThreadKind.invokeAll)
            }
            throw oom;
        }
    }

    /** A stand-in for a vtlab bug that throws an Error rather than an exception. */
    @Command(name = "overflow")
    static final class Overflow implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hungry                          | false",
        "hungry --in-task                | false",
        "hungry --stacktrace             | true",
        "hungry --in-task --stacktrace   | true"})
    @Timeout(10)
    void outOfMemoryIsOneLineAndExitFour(String args, boolean traced) {
        var err = new StringWriter();
        int code = cli(err).execute(args.split(" +"));

        assertEquals(ExitCode.ENVIRONMENT.code(), code, err.toString());
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.startsWith("./vtlab hungry: out of memory (Java heap space): the Java heap holds at most "),
                first);
        assertTrue(first.endsWith("; give the JVM more, e.g. VTLAB_JAVA_OPTS=-Xmx2g ./vtlab hungry ..., or ask for"
                + " fewer trials or tasks"), first);
        assertEquals(traced, err.toString().contains("\tat " + Hungry.class.getName() + ".call("), err.toString());
        if (!traced) {
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
    }

    /** Any other Error is a bug: one line and exit code 1, as an exception is, not an escaped stack trace. */
    @Test
    @Timeout(10)
    void anotherErrorIsAnInternalErrorInOneLine() {
        var err = new StringWriter();
        CommandLine cli = cli(err);
        cli.addSubcommand(new Overflow());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(ExitCode.SOFTWARE.code(), cli.execute("overflow"));
        assertEquals("./vtlab overflow: internal error: java.lang.StackOverflowError (run again with --stacktrace for"
                + " details)", err.toString().strip());
    }

    /** A stand-in for a lesson that ends normally. */
    @Command(name = "fine")
    static final class Fine implements Callable<Integer> {
        @Override
        public Integer call() {
            return ExitCode.OK.code();
        }
    }

    /**
     * A thread the command does not own (Flight Recorder's periodic task, say) that dies of an OutOfMemoryError says
     * so in one line, once, and the run then exits 4 whether the command ends normally or runs out too.
     */
    @Test
    @Timeout(10)
    void outOfMemoryInAnotherThreadIsOneLineOnceAndExitFour() {
        var said = new AtomicBoolean();
        var err = new StringWriter();
        var errWriter = new PrintWriter(err, true);
        Thread jfr = Thread.ofPlatform().name("JFR Periodic Tasks").unstarted(() -> { });
        Cli.uncaught(jfr, new OutOfMemoryError("Java heap space"), errWriter, said);
        Cli.uncaught(jfr, new OutOfMemoryError("Java heap space"), errWriter, said);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("vtlab: out of memory (Java heap space): "), err.toString());
        assertTrue(err.toString().strip().endsWith(" (in thread 'JFR Periodic Tasks')"), err.toString());

        var outWriter = new PrintWriter(new StringWriter(), true);
        CommandLine cli = Cli.create(outWriter, errWriter, Style.plain(), said);
        cli.addSubcommand(new Fine());
        cli.addSubcommand(new Hungry());
        cli.setOut(outWriter).setErr(errWriter);
        assertEquals(ExitCode.ENVIRONMENT.code(), cli.execute("fine"));
        assertEquals(ExitCode.ENVIRONMENT.code(), cli.execute("hungry"));
        assertEquals(1, err.toString().lines().count(), "said once: " + err);
    }

    /** Anything else a thread dies of is printed as the JVM would without a handler. */
    @Test
    @Timeout(10)
    void anotherUncaughtExceptionIsPrintedAsTheJvmWould() {
        var err = new StringWriter();
        var said = new AtomicBoolean();
        Thread worker = Thread.ofPlatform().name("worker").unstarted(() -> { });
        Cli.uncaught(worker, new IllegalStateException("a bug"), new PrintWriter(err, true), said);
        assertTrue(err.toString().startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: a bug"),
                err.toString());
        assertTrue(err.toString().contains("\tat "), err.toString());
        assertFalse(said.get());
    }

    /**
     * The real thing, in a JVM with a 64 MB heap: a million trials do not fit. One line on stderr, exit code 4, and
     * the recording of what ran before is still saved whole.
     */
    @Test
    @Timeout(60)
    @Disabled("issue 15: a million account trials now fit in 64 MB (they run in waves and are counted as they end),"
            + " so this run no longer runs out of heap; it needs another lesson or size that does")
    void aLessonThatRunsOutOfHeapSaysSoInOneLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("oom.jfr");
        try (var child = ChildVtlab.start(tmp, false, List.of("-Xmx64m"),
                "account", "--trials", "1000000", "--delay", "100ms", "--jfr=" + file)) {
            assertEquals(ExitCode.ENVIRONMENT.code(), child.waitFor(Duration.ofSeconds(50)), child.output());
            List<String> all = child.err().lines().filter(line -> !line.startsWith("[")).toList();
            // A run this long says first how long it will take (issue 11, point 5); a failed run leaves no final
            // progress line, so after the estimate the failure is the one line.
            int estimate = all.indexOf(all.stream().filter(line -> line.endsWith("prints what finished."))
                    .findFirst().orElseThrow(() -> new AssertionError("no estimate:\n" + child.output())));
            List<String> errLines = all.subList(estimate + 1, all.size());
            assertEquals(1, errLines.size(), "one line (JVM log lines and the estimate aside):\n" + child.output());
            // Said by the command, or first by a thread of Flight Recorder's that ran out before it did.
            assertTrue(errLines.getFirst().matches("(\\./)?vtlab( account)?: out of memory \\(Java heap space.*"),
                    child.err());
            assertTrue(errLines.getFirst().contains("VTLAB_JAVA_OPTS=-Xmx2g ./vtlab"), child.err());
            assertFalse(child.err().contains("\tat "), child.err());
            assertTrue(child.out().contains("recording saved to"), child.out());
            assertTrue(Recordings.countByType(file).containsKey("jdk.CPUInformation"));
            try (var files = Files.list(tmp)) {
                assertEquals(List.of(file), files.toList());
            }
        }
    }

    /**
     * A heap far too small for the run: the JDK's own timer thread for sleeping virtual threads can run out first,
     * and then no task ever wakes. Before StopOnSignal.outOfMemoryElsewhere this run never ended (ten minutes of full
     * collections, SIGTERM not delivered); now the lesson is stopped and the run ends, not successfully. What it
     * prints depends on which thread runs out first and whether there is heap left to say it: the exit code is 4,
     * or 1 when even that failed (seen in 2 of 4 runs by hand, -Xmx16m to 40m).
     */
    @Test
    @Timeout(90)
    void aLessonStarvedOfHeapEndsInsteadOfWaitingForever(@TempDir Path tmp) throws Exception {
        try (var child = ChildVtlab.start(tmp, false, List.of("-Xmx24m"),
                "counter", "--sync", "none", "--tasks", "10000", "--delay", "1s")) {
            int code = child.waitFor(Duration.ofSeconds(60));
            assertTrue(code == ExitCode.ENVIRONMENT.code() || code == 1, "exit " + code + ":\n" + child.output());
            assertFalse(child.out().contains("Ending value is"), child.out());
        }
    }

    private static CommandLine cli(StringWriter err) {
        var errWriter = new PrintWriter(err, true);
        var outWriter = new PrintWriter(new StringWriter(), true);
        CommandLine cli = Cli.create(outWriter, errWriter);
        cli.addSubcommand(new Hungry()); // inherits --stacktrace, as every lesson does
        cli.setOut(outWriter).setErr(errWriter);
        return cli;
    }
}

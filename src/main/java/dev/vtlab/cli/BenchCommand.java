package dev.vtlab.cli;

import dev.vtlab.bench.BenchRun;
import dev.vtlab.bench.ChildJvm;
import dev.vtlab.bench.Config;
import dev.vtlab.bench.JmhLaunch;
import dev.vtlab.bench.JvmLaunch;
import dev.vtlab.bench.Row;
import dev.vtlab.bench.Settings;
import dev.vtlab.bench.Suite;
import dev.vtlab.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "(tool) Measure scale, locks, scopes, trials and start-up, each row in a fresh JVM.",
        description = {
            "Measures what the lessons talk about. Each row runs in a fresh JVM (the same java and jar, with",
            "--enable-preview), first its warm-up runs, then its timed runs; every figure is printed as",
            "median [min–max] (runs). Progress goes to stderr; Ctrl-C stops and prints the rows already measured.",
            "",
            "scale: N tasks that each sleep D: fixed pool of 200, cached pool, a platform thread per task, virtual",
            "threads. Wall time, overhead per task, peak threads, peak RSS.",
            "",
            "locks: increments/s of synchronized, ReentrantLock, AtomicLong, LongAdder, a CAS loop and a racy",
            "volatile (lost updates counted) on 2 platform and 2, 100, 10,000 virtual threads; overlap % is the",
            "share of the run during which at least two threads were inside their share.",
            "",
            "scope: cost per subtask of a StructuredTaskScope fork + join, hand-started virtual threads and a",
            "virtual-thread executor, for 1 to 100,000 subtasks, forked from main and from a virtual thread.",
            "",
            "trials: the account lesson (account --trials N --delay 100ms --jitter 0 --format json) against",
            "baseline.PlainTrials, a plain program doing the same work, alternately, each a whole fresh JVM:",
            "in-process time, wall time and peak RSS of both, and their ratios, for N = 1,000 to 1,000,000;",
            "way counter: counter --sync none --tasks 10000 against baseline.PlainCounter (10,000 virtual",
            "threads that read, sleep and write), the same way.",
            "",
            "start: ./vtlab --help and ./vtlab counter --delay 0 against java baseline.Hello, alternately, each a",
            "whole process; way cds: each against itself with VTLAB_CDS=0 (no class-data sharing archive).",
            "",
            "The baseline programs are in the jar's baseline package, which uses nothing of the lab. trials and",
            "start run the lab as ./vtlab when the jar is REPO/target/vtlab.jar beside the launcher, otherwise as",
            "java --enable-preview -cp CLASSPATH dev.vtlab.Main; the tables name which."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab bench scale --quick",
            "      a smoke run: 1,000 tasks, four ways, one run each",
            "  ./vtlab bench scale --only virtual --tasks 1000000 --runs 1",
            "      a million virtual threads that sleep 100 ms",
            "  ./vtlab bench locks --only adder,atomic --quick",
            "      two of the six counters, one quick run of each row",
            "  ./vtlab bench scope --quick --format json > scope.json",
            "      every run, for scripts",
            "  ./vtlab bench trials --quick",
            "      the account lesson against a plain program, 1,000 trials, one round",
            "  ./vtlab bench start --quick",
            "      ./vtlab --help and counter --delay 0 against java Hello, one round",
            "  ./vtlab build -Pjmh && ./vtlab bench locks --jmh --quick",
            "      build JMH's jar with the lab's JDK 21, then JMH's view of the counters"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row was measured (or Ctrl-C stopped the run: the rows measured so far are printed)",
            "1:vtlab failed, here or in a child JVM (the child's last lines of stderr are in the message)",
            "2:bad usage: an unknown suite or way, or a value out of range",
            "4:the machine could not: a child JVM did not start, ran out of memory or crashed; no JMH jar"})
final class BenchCommand implements Callable<Integer> {

    static final int MAX_TASKS = 2_000_000;
    static final long MAX_OPS = 2_000_000_000L;
    /** As {@code account --trials} takes them. */
    static final int MAX_TRIALS = dev.vtlab.lesson.AccountLesson.MAX_TRIALS;

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    /** The {@code java} the child JVMs and JMH run on; a test sets one that cannot start or that fails. */
    String javaExecutable = JvmLaunch.currentJava();

    @Parameters(arity = "1..*", paramLabel = "SUITE", converter = SuiteConverter.class,
            completionCandidates = SuiteConverter.class,
            description = "What to measure: ${COMPLETION-CANDIDATES} (one or more). Example: bench locks")
    List<Suite> suites;

    Integer runs;
    Integer warmup;
    Integer tasks;
    Long ops;
    Integer trials;

    @Option(names = "--delay", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = {"scale: how long each task sleeps (default: 100ms; --quick: 10ms); trials: each",
                "transaction's sleep in whole milliseconds (default: 100ms, also with --quick).",
                "Example: --delay 50ms"})
    Duration delay;

    @Option(names = "--only", paramLabel = "WAY", split = ",",
            description = {"Run only these ways (comma-separated), e.g. virtual, fixed, cached, per-task (scale);",
                "synchronized, lock, atomic, adder, cas, volatile (locks); scope, manual, executor (scope);",
                "account, counter (trials); help, counter, cds (start).",
                "Example: --only virtual"})
    List<String> only = List.of();

    @Option(names = "--quick",
            description = {"A fast variant for smoke tests: 1 run, no warm-up, small sizes (explicit options win).",
                "Example: --quick"})
    boolean quick;

    /** text: one table per suite; json: every run of every row. */
    @Mixin
    FormatOption format;

    @Option(names = "--jmh",
            description = {"locks only: run JMH's Locks benchmarks (one increment per call, 1 and 2 platform",
                "threads) from target/benchmarks.jar instead of the lab's loop, and print JMH's table. Build the",
                "jar first with ./vtlab build -Pjmh (the JDK 21 the launcher found). 2 forks, --warmup and --runs iterations of 1 s",
                "(--quick: 1 fork, 1 + 1 of 200 ms). Example: --jmh"})
    boolean jmh;

    @Option(names = "--runs", paramLabel = "N",
            description = {"Timed runs per row, 1 to 1000 (default: 5; --quick: 1). Example: --runs 3"})
    void setRuns(String n) {
        runs = Converters.wholeNumber(spec, "--runs", n, 1, 1000);
    }

    @Option(names = "--warmup", paramLabel = "N",
            description = {"Untimed runs before them in the same JVM, 0 to 1000 (default: scale 1, locks and",
                "scope 3; --quick: 0). Example: --warmup 2"})
    void setWarmup(String n) {
        warmup = Converters.wholeNumber(spec, "--warmup", n, 0, 1000);
    }

    @Option(names = "--tasks", paramLabel = "N",
            description = {"scale, and trials' counter row: how many tasks, 1 to 2,000,000 (default: 10,000;",
                "--quick: 1,000). Above 10,000 the cached-pool and thread-per-task rows are skipped (they would",
                "start that many OS threads), and so is the counter row (the lesson's limit).",
                "Example: --tasks 1000000"})
    void setTasks(String n) {
        tasks = Converters.wholeNumber(spec, "--tasks", n, 1, MAX_TASKS);
    }

    @Option(names = "--trials", paramLabel = "N",
            description = {"trials: one number of trials, 1 to 100,000,000 (the account lesson's limit), instead of",
                "1,000, 10,000, 100,000 and 1,000,000 (--quick: 1,000). Example: --trials 100000"})
    void setTrials(String n) {
        trials = Converters.wholeNumber(spec, "--trials", n, 1, MAX_TRIALS);
    }

    @Option(names = "--ops", paramLabel = "N",
            description = {"locks: increments in all, split over the threads, 1,000 to 2,000,000,000",
                "(default: 50,000,000; --quick: 200,000). Example: --ops 10000000"})
    void setOps(String n) {
        ops = Converters.wholeNumber(spec, "--ops", n, 1_000L, MAX_OPS);
    }

    @Override
    public Integer call() throws InterruptedException {
        List<Suite> chosen = new ArrayList<>(new LinkedHashSet<>(suites));
        if (jmh) {
            return runJmh(chosen);
        }
        Set<String> valid = new LinkedHashSet<>();
        chosen.forEach(s -> valid.addAll(s.wayNames()));
        for (String way : only) {
            if (!valid.contains(way)) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--only': unknown way '"
                        + way + "'; use one of " + String.join(", ", valid));
            }
        }
        var settings = new Settings(runs, warmup, tasks, delay, ops, trials, Set.copyOf(only), quick);
        var run = new BenchRun(javaExecutable, settings);
        List<Config> plan = run.plan(chosen);
        if (plan.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--only': none of "
                    + only + " belongs to " + chosen.stream().map(Suite::cliName).toList());
        }

        var progress = new BenchReport(spec.commandLine().getErr(), parent.style());
        Map<Suite, String> perSuite = new LinkedHashMap<>();
        chosen.forEach(s -> perSuite.put(s, run.runs(s) + " timed runs after " + run.warmup(s) + " warm-up"));

        // Ctrl-C: the hook stops the running child; run() then returns the finished rows, which are printed
        // before the hook lets the JVM end.
        var printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                printed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vtlab-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BenchRun.Result result = run.run(plan, new BenchRun.Progress() {
                @Override
                public void starting(int index, int total, Config config) {
                    progress.starting(index, total, config);
                }

                @Override
                public void finished(int index, int total, Row row) {
                    progress.finished(index, total, row);
                }
            });
            format.write(BenchReport.page(LessonRunner.command(spec), result.rows(), result.planned(),
                    result.stopped(), perSuite), spec.commandLine().getOut(), parent.style());
            return ExitCode.OK.code();
        } catch (IOException e) {
            // ProcessBuilder.start: "Cannot run program ...: error=2, No such file or directory", or the pipe broke.
            throw new EnvironmentException("cannot run a child JVM: " + e.getMessage(), e);
        } catch (ChildJvm.ChildFailedException e) {
            if (!e.isLabBug()) {
                throw new EnvironmentException(e.getMessage(), e);
            }
            // Not thrown on to Cli's "internal error": the stack trace that matters is the child's, and its last
            // lines are in the message; this JVM's would only show where it read the exit code.
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage() + " (a vtlab bug)");
            spec.commandLine().getErr().flush();
            return ExitCode.SOFTWARE.code();
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running (Ctrl-C): it has been let go by printed.countDown()
            }
        }
    }

    /** {@code --jmh}: JMH in its own JVM, its output relayed line by line; JMH forks its own JVMs below it. */
    private int runJmh(List<Suite> chosen) throws InterruptedException {
        if (!chosen.equals(List.of(Suite.LOCKS)) || format.document() || !only.isEmpty()
                || tasks != null || delay != null || ops != null || trials != null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--jmh': it runs the JMH"
                    + " Locks benchmarks alone; use it with the locks suite and at most --runs, --warmup, --quick");
        }
        Path jar = JmhLaunch.besideClassPath(System.getProperty("java.class.path"));
        if (!Files.isRegularFile(jar)) {
            throw new EnvironmentException("--jmh: no " + jar + "; build it with ./vtlab build -Pjmh");
        }
        List<String> options = quick
                ? JmhLaunch.options(1, warmup != null ? warmup : 1, runs != null ? runs : 1, "200ms")
                : JmhLaunch.options(2, warmup != null ? warmup : 3, runs != null ? runs : 5, "1s");
        var launch = new JmhLaunch(javaExecutable, jar, options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench --jmh: " + String.join(" ", launch.command()));
        err.flush();
        Process process;
        try {
            process = new ProcessBuilder(launch.command()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new EnvironmentException("--jmh: cannot start JMH: " + e.getMessage(), e);
        }
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
                out.flush();
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new EnvironmentException("--jmh: JMH exited with " + code + " (its output is above)");
            }
            return ExitCode.OK.code();
        } catch (IOException e) {
            throw new EnvironmentException("--jmh: lost JMH's output: " + e.getMessage(), e);
        } finally {
            // A no-op once JMH has exited; after an error here it must not outlive us. (A Ctrl-C on a terminal
            // reaches JMH and its forks directly: they are in our process group.)
            process.destroyForcibly();
        }
    }

    static final class SuiteConverter extends Converters.ByCliName<Suite> {
        SuiteConverter() {
            super(Suite.values(), Suite::cliName);
        }
    }
}

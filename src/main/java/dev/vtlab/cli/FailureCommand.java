package dev.vtlab.cli;

import dev.vtlab.jfr.SubtaskEvents;
import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.FailureLesson.Failure;
import dev.vtlab.lesson.FailureLesson.Run;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.Way;
import dev.vtlab.lesson.Listing;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.CodeReport;
import dev.vtlab.report.FailureView;
import dev.vtlab.threading.ThreadKind;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "failure", mixinStandardHelpOptions = true,
        header = "A lost exception: fire-and-forget and Future.get() against StructuredTaskScope (21, 25).",
        description = {
            "A lost exception. Three subtasks: one throws after 50 ms, the other two would work for 1 s.",
            "The caller runs them five ways and the table shows what it saw:",
            "  1 submit, never get()    the failure is lost; the caller reports success",
            "  2 Future.get() in order  the failure surfaces only when its Future's turn comes; nothing is cancelled",
            "  3 ShutdownOnFailure      join() returns at the failure; throwIfFailed() throws it as the cause;",
            "                           the siblings are interrupted. JDK 25: open(); join() throws",
            "                           FailedException with the task's exception as its cause",
            "  4 ShutdownOnSuccess      a race of replicas: the first success wins, the rest are cancelled",
            "                           JDK 25: open(Joiner.anySuccessfulResultOrThrow())",
            "  5 a deadline             way 3 with a deadline (--timeout) before the failure: a TimeoutException,",
            "                           every subtask interrupted. JDK 21: joinUntil; JDK 25: withTimeout",
            "Ways 3 to 5 use the preview StructuredTaskScope of the JDK that runs them (21 or 25), which always",
            "forks virtual threads: ./vtlab --jdk 25 failure runs them with JDK 25's.",
            "Exit code 0 when the lesson has shown the failure; 2 for a bad option; 3 if a scope broke its promise."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab failure",
            "      the whole lesson: five ways, side by side",
            "  ./vtlab failure --no-failure",
            "      the control: nothing fails, and every way returns every result",
            "  ./vtlab failure --code",
            "      the code of each way; ways 3 to 5 as JDK 21 and as JDK 25 write them",
            "  ./vtlab failure --timeout 200ms",
            "      a deadline after the failure: way 5 throws the failure, as way 3 does",
            "  ./vtlab failure --fail 1",
            "      get() meets the failure first, yet the with block waits 1 s for the others",
            "  ./vtlab failure --threads platform --exception io",
            "      ways 1 and 2 on a pool of platform threads; task 3 throws IOException",
            "  ./vtlab failure --fail-after 200ms --work 2s",
            "      a later failure, longer work: more work wasted by ways 1 and 2",
            "  ./vtlab failure --metrics",
            "      then each way's meters: failed and cancelled subtasks",
            "  ./vtlab failure --format json | jq -c '.runs[] | [.way, .grade]'",
            "      each way and its grade, for scripts",
            "  ./vtlab failure --format html > failure.html",
            "      one page with the pictures, to open in a browser or show a class"})
final class FailureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @Mixin
    JfrOptions jfr;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    FormatOption format;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "virtual",
            converter = Converters.ExecutorThreadKindConverter.class,
            completionCandidates = Converters.ExecutorThreadKindConverter.class,
            description = {"What runs the tasks of ways 1 and 2: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "platform = a fixed pool of OS threads,",
                "virtual = Executors.newVirtualThreadPerTaskExecutor().",
                "Example: --threads platform"})
    ThreadKind threads;

    private int failing = FailureLesson.SUBTASKS;

    @Option(names = "--fail", paramLabel = "N", defaultValue = "" + FailureLesson.SUBTASKS,
            description = {"Which task fails: 1 to " + FailureLesson.SUBTASKS + " (default: ${DEFAULT-VALUE},"
                + " the last one get() waits for).", "Example: --fail 1"})
    void setFailing(String n) {
        failing = Converters.wholeNumber(spec, "--fail", n, 1, FailureLesson.SUBTASKS);
    }

    @Option(names = "--fail-after", paramLabel = "DURATION", defaultValue = "50ms",
            converter = Converters.DurationConverter.class,
            description = {"How long the failing task works before it throws (default: ${DEFAULT-VALUE});",
                "less than --work. Example: --fail-after 200ms"})
    Duration failAfter;

    @Option(names = "--work", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description = {"How long each other task works (default: ${DEFAULT-VALUE}). In way 4 the first of them",
                "answers in half that, so the race has a winner. Example: --work 2s"})
    Duration work;

    @Option(names = "--exception", paramLabel = "NAME", defaultValue = "illegal-state",
            converter = Converters.FailureConverter.class,
            completionCandidates = Converters.FailureConverter.class,
            description = {"What the failing task throws: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}):",
                "IllegalStateException, IOException or TimeoutException.", "Example: --exception timeout"})
    Failure exception;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = {"Way 5's deadline (default: half of --fail-after, so it passes first; with",
                "--no-failure twice --work), up to 60s. Example: --timeout 200ms"})
    Duration timeout;

    @Option(names = "--code",
            description = {"Print the code of each way, ways 3 to 5 as JDK 21 and JDK 25 write them, read",
                "from the lab's own source; then stop without running. Example: --code"})
    boolean code;

    @Option(names = "--no-failure",
            description = {"The control: the chosen task returns instead of throwing. Example: --no-failure"})
    boolean noFailure;

    @Override
    public Integer call() throws InterruptedException, dev.vtlab.threading.TaskFailedException {
        if (code) {
            new CodeReport(spec.commandLine().getOut(), parent.style())
                    .print(new Listing("failure --code", Listing.failure()));
            return ExitCode.OK.code();
        }
        if (timeout != null && (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--timeout': "
                    + timeout.toMillis() + " ms; use more than 0 and at most 60s");
        }
        if (failAfter.compareTo(work) >= 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--fail-after': "
                    + failAfter.toMillis() + " ms is not less than --work (" + work.toMillis()
                    + " ms); the other tasks must still be working when the failure comes");
        }
        var setup = new Setup(threads, failing, failAfter, work, noFailure ? Optional.empty() : Optional.of(exception),
                timeout != null ? timeout : Setup.defaultTimeout(failAfter, work, !noFailure));
        return LessonRunner.run(spec, parent, new FailureLesson(setup, SubtaskEvents.OBSERVER), new FailureView(),
                new Instruments(), jfr, metrics, format);
    }

    /** One way's meters; the subtasks' own Flight Recorder events come from the lesson's observer. */
    static final class Instruments implements LessonRunner.Instruments<Way, Run> {
        @Override
        public Tags tags(Way way) {
            return Tags.of("way", way.way().name().toLowerCase(Locale.ROOT), "threads",
                    way.setup().threads().cliName());
        }

        @Override
        public void record(Way way, Run run, Duration elapsed, LessonMeters meters) {
            FailureCommand.record(meters, run, elapsed);
        }
    }

    /**
     * One way's meters: how long it ran, each started subtask's time, and the subtasks that failed or were
     * cancelled.
     */
    static void record(LessonMeters meters, Run run, Duration took) {
        meters.took(took);
        for (FailureLesson.SubtaskRun subtask : run.subtasks()) {
            switch (subtask.fate()) {
                case COMPLETED -> meters.task(subtask.ended().minus(subtask.started()));
                case FAILED -> {
                    meters.task(subtask.ended().minus(subtask.started()));
                    meters.taskFailed();
                }
                case CANCELLED -> {
                    meters.task(subtask.ended().minus(subtask.started()));
                    meters.taskCancelled();
                }
                case NOT_STARTED -> meters.taskCancelled();
            }
        }
    }
}

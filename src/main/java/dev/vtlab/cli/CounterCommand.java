package dev.vtlab.cli;

import dev.vtlab.jfr.LessonRunEvent;
import dev.vtlab.jfr.TaskUpdateTrace;
import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Interleavings;
import dev.vtlab.lesson.Listing;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.CodeReport;
import dev.vtlab.report.CounterJson;
import dev.vtlab.report.CounterReport;
import dev.vtlab.report.Narrative;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "counter", mixinStandardHelpOptions = true,
        header = "The lost update: two tasks each add 10 and end at 10; then the same with a lock.",
        description = {
            "The lost update. A fake database holds 0; each task reads it, adds 10, sleeps, and writes it back.",
            "Two tasks that both read before either writes end at 10 instead of 20.",
            "",
            "With no --sync the whole lesson runs: first unsynchronised (the lost update), then with a lock (20)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab counter",
            "      the whole lesson: no guard (ends at 10), then a ReentrantLock (20)",
            "  ./vtlab counter --sync lock",
            "      the tasks take turns: one waits for the lock while the other updates",
            "  ./vtlab counter --sync cas -v",
            "      compare-and-set: each read and write, and the failed CAS that retries",
            "  ./vtlab counter --code --sync lock",
            "      the Java that runs: the tasks, the with block, the lock, the update",
            "  ./vtlab counter --no-join",
            "      a read before the with block waits sees 0; after it, the real ending",
            "  ./vtlab counter --sync none --threads platform",
            "      the same race on a fixed pool of platform threads",
            "  ./vtlab counter --sync none --tasks 100 --delay 10ms",
            "      100 tasks: most read before any writes, so most updates are lost",
            "  ./vtlab counter --delay 0",
            "      no sleep: the race window is tiny, and the runs usually end at 20",
            "  ./vtlab counter --jfr",
            "      and record it into recordings/counter-TIME.jfr",
            "  ./vtlab counter --metrics=prometheus",
            "      then the run's Micrometer meters, in the Prometheus text format",
            "  ./vtlab counter --sync lock --format json | jq '.runs[0].actual'",
            "      20: the result, for scripts"})
final class CounterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @Mixin
    RaceOptions race;

    @Mixin
    JfrOptions jfr;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    FormatOption format;

    /** The original lesson's {@code time.sleep(0.1)}. */
    private static final Duration DEFAULT_DELAY = Duration.ofMillis(100);

    private int tasks = 2;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "2",
            description = {"How many tasks update the value (1 to " + CounterLesson.MAX_TASKS + ", default: 2).",
                "The expected ending value is N x 10. Example: --tasks 5"})
    void setTasks(String n) {
        tasks = Converters.wholeNumber(spec, "--tasks", n, 1, CounterLesson.MAX_TASKS);
    }

    @Option(names = "--no-join",
            description = {"Also read the value right after starting the tasks, before the with block",
                "waits for them: what code that forgets to wait sees. The lab then waits",
                "anyway and shows both. Example: --no-join"})
    boolean noJoin;

    @Override
    public Integer call() throws InterruptedException, TaskFailedException {
        format.refuseWith(metrics, spec);
        format.refuseWith(race, spec);
        boolean text = !format.json();
        PrintWriter out = spec.commandLine().getOut();
        List<Sync> syncs = race.sync == null ? List.of(Sync.NONE, Sync.LOCK) : List.of(race.sync);
        if (race.code) {
            new CodeReport(out, parent.style()).print(syncs.stream().map(sync -> new Listing(
                    "counter --sync " + sync.cliName() + " --threads " + race.threads.cliName(),
                    Listing.counter(sync, race.threads))).toList());
            return ExitCode.OK.code();
        }
        var report = new CounterReport(out, parent.style());
        List<CounterJson.Run> runs = new ArrayList<>();
        try (var session = LessonSession.open(spec, "counter", jfr, metrics, format, parent.style())) {
            for (Sync sync : syncs) {
                var setup = new Setup(race.threads, sync, tasks, race.delayOr(DEFAULT_DELAY, spec), noJoin);
                var meters = session.meters(Tags.of("sync", sync.cliName(), "threads", race.threads.cliName()));
                if (text) {
                    report.header(setup);
                }
                var run = LessonRunEvent.begin("counter", describe(setup));
                var updates = new TaskUpdateTrace();
                long start = System.nanoTime();
                Trace narrative = text ? new Narrative(Narrative.Voice.COUNTER, out, parent.style(), race.verbose,
                        start) : Trace.none();
                // The meters' trace keys and stores every step inside the timed run: only when they will be printed.
                Trace trace = session.metered() ? updates.and(narrative).and(meters.trace()) : updates.and(narrative);
                var timed = LessonSession.time(meters, start, () -> CounterLesson.run(setup, trace));
                Result result = timed.result();
                Duration elapsed = timed.elapsed();
                record(meters, result, elapsed);
                if (text) {
                    report.result(result, elapsed);
                }
                updates.commit(result.history());
                run.finish(outcome(result), result.grade().name());
                runs.add(new CounterJson.Run(result, elapsed));
            }
            Optional<Interleavings.Model> model = CounterLesson.model(tasks); // once, for either renderer
            switch (format.value()) {
                case JSON -> CounterJson.write(out, runs, model);
                case TEXT -> {
                    if (runs.size() > 1) {
                        report.compare(runs.stream().map(CounterJson.Run::result).toList());
                    }
                    model.ifPresent(report::model);
                }
            }
            session.finish();
        }
        boolean forbidden = runs.stream().anyMatch(r -> r.result().worstGrade() == Grade.FORBIDDEN);
        return (forbidden ? ExitCode.FORBIDDEN : ExitCode.OK).code();
    }

    /** The setup as options, for the recording: {@code --threads virtual --sync none --tasks 2 --delay 100ms}. */
    private static String describe(Setup setup) {
        return "--threads " + setup.threads().cliName() + " --sync " + setup.sync().cliName() + " --tasks "
                + setup.tasks() + " --delay " + DurationFormat.format(setup.delay());
    }

    /** The outcome in a few words, for the recording. */
    private static String outcome(Result result) {
        return switch (result.outcome()) {
            case Outcome.Consistent c -> "consistent: ended at " + c.actual();
            case Outcome.LostUpdates l -> l.lostCount() + " lost update(s): ended at " + l.actual()
                    + ", expected " + l.expected();
        };
    }

    /** Records a finished run's outcome: correct, or how many stored values were overwritten unseen. */
    static void record(LessonMeters meters, Result result, Duration elapsed) {
        meters.took(elapsed);
        meters.outcome(result.outcome().lostCount());
    }
}

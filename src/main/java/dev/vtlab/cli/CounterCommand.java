package dev.vtlab.cli;

import dev.vtlab.jfr.TaskUpdateTrace;
import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Listing;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.CodeReport;
import dev.vtlab.report.CounterView;
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

import java.time.Duration;
import java.util.List;
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
            "      the tasks take turns; one that arrives while the other holds the lock",
            "      says it waits",
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
            "      20: the result, for scripts",
            "  ./vtlab counter --format html > counter.html",
            "      one page with the pictures, to open in a browser or show a class"})
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
        format.refuseWith(race, spec);
        List<Sync> syncs = race.sync == null ? List.of(Sync.NONE, Sync.LOCK) : List.of(race.sync);
        if (race.code) {
            new CodeReport(spec.commandLine().getOut(), parent.style()).print(syncs.stream().map(sync -> new Listing(
                    "counter --sync " + sync.cliName() + " --threads " + race.threads.cliName(),
                    Listing.counter(sync, race.threads))).toList());
            return ExitCode.OK.code();
        }
        Duration delay = race.delayOr(DEFAULT_DELAY, spec);
        var lesson = new CounterLesson(syncs.stream()
                .map(sync -> new Setup(race.threads, sync, tasks, delay, noJoin)).toList());
        return LessonRunner.run(spec, parent, lesson, new CounterView(race.verbose), new Instruments(), jfr,
                metrics, format);
    }

    /**
     * The meters and recording of a counter run: every step feeds the meters (only when they will be printed: a
     * string key and a map entry per step) and the {@code vtlab.TaskUpdate} events, which are committed once the
     * run's history says which writes were lost.
     */
    static final class Instruments implements LessonRunner.Instruments<Setup, Result> {
        private TaskUpdateTrace updates; // the current run's; set and read by the command's thread, runs in turn

        @Override
        public Tags tags(Setup setup) {
            return Tags.of("sync", setup.sync().cliName(), "threads", setup.threads().cliName());
        }

        @Override
        public Trace trace(Setup setup, LessonMeters meters, boolean metered) {
            updates = new TaskUpdateTrace();
            return metered ? updates.and(meters.trace()) : updates;
        }

        @Override
        public void record(Setup setup, Result result, Duration elapsed, LessonMeters meters) {
            meters.took(elapsed);
            meters.outcome(result.outcome().lostCount());
            updates.commit(result.history());
        }
    }
}

package dev.vtlab.cli;

import dev.vtlab.jfr.PinningTrialEvent;
import dev.vtlab.lesson.PinningLesson;
import dev.vtlab.lesson.PinningLesson.Guard;
import dev.vtlab.lesson.PinningLesson.Result;
import dev.vtlab.lesson.PinningLesson.Setup;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.PinningView;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vtlab pinning}. The carrier count must be fixed before the JVM creates its first virtual thread, and a
 * system property set from code is too late whenever anything (a test suite, the JDK itself) started one before.
 * So unless this JVM already runs with exactly {@code -Djdk.virtualThreadScheduler.parallelism=N}, the command
 * starts one that does ({@link ChildJvm}) and relays it: robust whatever launched vtlab, at about half a second.
 */
@Command(name = "pinning", mixinStandardHelpOptions = true,
        header = "Pinning: synchronized pins carriers on JDK 21, not on 25; a class initializer on both.",
        description = {
            "Pinning. Virtual threads run on a few carrier threads. A virtual thread that blocks inside",
            "synchronized cannot leave its carrier (JDK 21), so a few workers sleeping while holding a monitor",
            "take every carrier, and a heartbeat virtual thread that ticks every 10 ms stalls. With a",
            "ReentrantLock the workers unmount and the heartbeat keeps ticking. JDK 24 (JEP 491) unmounts inside",
            "synchronized too: ./vtlab --jdk 25 pinning shows no stall. Blocking inside a class initializer",
            "(--lock class-init) still pins on 25.",
            "",
            "With no --lock the whole lesson runs: synchronized, then a ReentrantLock, side by side."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab pinning",
            "      the whole lesson: synchronized stalls the heartbeat for about 600 ms,",
            "      a ReentrantLock does not",
            "  ./vtlab pinning --lock none",
            "      the control: no lock, every worker sleeps at once, no stall",
            "  ./vtlab pinning --lock class-init",
            "      the workers need a class whose initializer sleeps: a stall of one hold,",
            "      on JDK 21 and on JDK 25",
            "  ./vtlab pinning --workers 8",
            "      a longer stall: (workers - 1) x the hold, about 1,400 ms",
            "  ./vtlab pinning --carriers 5",
            "      one carrier more than the workers: the heartbeat keeps a carrier",
            "  ./vtlab pinning --jfr",
            "      record the jdk.VirtualThreadPinned events and their stacks",
            "  ./vtlab pinning --metrics",
            "      then the meters: jvm.threads.virtual.pinned counts the pins",
            "  ./vtlab pinning --format json | jq '.runs[].heartbeatWorstDelayMs'",
            "      the heartbeat's worst delay under each lock, for scripts",
            "  ./vtlab pinning --format html > pinning.html",
            "      one page with the pictures, to open in a browser or show a class"})
final class PinningCommand implements Callable<Integer> {

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

    @Option(names = "--lock", paramLabel = "GUARD", converter = GuardConverter.class,
            completionCandidates = GuardConverter.class,
            description = {"What the workers hold while sleeping: ${COMPLETION-CANDIDATES}",
                "(default: synchronized, then lock). Example: --lock synchronized"})
    Guard guard;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = {"How many workers take the lock in turn (1 to " + PinningLesson.MAX_WORKERS
                + ", default: ${DEFAULT-VALUE}). Example: --workers 8"})
    void setWorkers(String n) {
        workers = Converters.wholeNumber(spec, "--workers", n, 1, PinningLesson.MAX_WORKERS);
    }

    private int workers = 4;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "200ms",
            converter = Converters.DurationConverter.class,
            description = {"How long each worker sleeps holding the lock (default: ${DEFAULT-VALUE}).",
                "Example: --hold 100ms"})
    Duration hold;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "10ms",
            converter = Converters.DurationConverter.class,
            description = {"How often the heartbeat ticks (default: ${DEFAULT-VALUE}). Example: --tick 5ms"})
    Duration tick;

    private static final int MAX_CARRIERS = 64;

    @Option(names = "--carriers", paramLabel = "N", defaultValue = "2",
            description = {"Carrier threads for virtual threads (1 to " + MAX_CARRIERS
                + ", default: ${DEFAULT-VALUE}); the lesson",
                "runs in a JVM started with -D" + PinningLesson.PARALLELISM + "=N.", "Example: --carriers 4"})
    void setCarriers(String n) {
        carriers = Converters.wholeNumber(spec, "--carriers", n, 1, MAX_CARRIERS);
    }

    private int carriers = 2;

    @Override
    public Integer call() throws InterruptedException, TaskFailedException {
        validate();
        format.refuseWith(metrics, spec);
        // The child JVM gets the same arguments, --format included, and its stdout is relayed line by line: with
        // json, the child's document is this command's whole stdout.
        if (PinningLesson.carriers() != carriers
                || !Integer.toString(carriers).equals(System.getProperty(PinningLesson.PARALLELISM))) {
            return ChildJvm.rerun(spec, List.of("-D" + PinningLesson.PARALLELISM + "=" + carriers));
        }
        List<Guard> guards = guard == null ? List.of(Guard.SYNCHRONIZED, Guard.LOCK) : List.of(guard);
        var lesson = new PinningLesson(guards.stream().map(g -> new Setup(g, workers, hold, tick)).toList());
        return LessonRunner.run(spec, parent, lesson, new PinningView(), new Instruments(), jfr, metrics, format);
    }

    /** A trial's meters, and its {@code vtlab.PinningTrial} event: the heartbeat's worst delay and ticks. */
    private static final class Instruments implements LessonRunner.Instruments<Setup, Result> {
        @Override
        public Tags tags(Setup setup) {
            return Tags.of("lock", setup.guard().cliName(), "workers", Integer.toString(setup.workers()));
        }

        @Override
        public void record(Setup setup, Result result, Duration elapsed, LessonMeters meters) {
            meters.took(elapsed);
            var event = new PinningTrialEvent();
            event.lock = result.setup().guard().cliName();
            event.workers = result.setup().workers();
            event.carriers = result.carriers();
            event.heartbeatWorstDelay = result.worstDelay().toNanos();
            event.heartbeatTicks = result.ticks();
            event.workersTotal = result.workersTotal().toNanos();
            event.commit();
        }
    }

    private void validate() {
        if (tick.isZero()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--tick': 0 is too short;"
                    + " use a duration such as 10ms");
        }
        if (hold.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--hold': " + hold.toMillis()
                    + " ms is longer than 10 s; use at most 10s");
        }
    }

    static final class GuardConverter extends Converters.ByCliName<Guard> {
        GuardConverter() {
            super(Guard.values(), Guard::cliName);
        }
    }
}

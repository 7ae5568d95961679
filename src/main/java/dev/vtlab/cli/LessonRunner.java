package dev.vtlab.cli;

import dev.vtlab.jfr.LessonRunEvent;
import dev.vtlab.lesson.DurationFormat;
import dev.vtlab.lesson.Estimate;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Lesson;
import dev.vtlab.lesson.Progress;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.Block;
import dev.vtlab.report.LessonView;
import dev.vtlab.report.LessonView.Ran;
import dev.vtlab.report.Narrative;
import dev.vtlab.report.Page;
import dev.vtlab.report.Text;
import dev.vtlab.report.TextRenderer;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs every lesson the same way. A command parses its options into a {@link Lesson}, the lesson's
 * {@link LessonView} and its {@link Instruments}; the runner owns the rest, once: the recording session, a
 * {@code vtlab.LessonRun} event per run, the meters, the clock, the output format, and the exit code (3 if any run
 * is FORBIDDEN, 0 otherwise; the exception handlers in {@link Cli} map the rest).
 *
 * <p>Text is printed as the runs go: a run's heading before it starts, its story while it runs (from the task
 * threads), its result when it ends, the summary after the last. JSON and HTML are written whole at the end, from
 * the same blocks and data.
 *
 * <p><b>Long runs.</b> A lesson whose runs are estimated ({@link Lesson#estimate}) to take {@link #LONG_RUN} or more
 * says so on stderr before it starts; while a run goes, a {@link ProgressLine} counts what the lesson reports done.
 *
 * <p><b>Ctrl-C and SIGTERM.</b> {@link StopOnSignal} interrupts the lesson and holds the JVM's exit until the runner
 * has printed what finished: the runs that ended, and the part of the last one that finished if the lesson keeps
 * such a part ({@link Lesson#isWhole}); then the view's summary of those runs and its words for the stop. JSON and
 * HTML are each one whole document of those runs, the page marked interrupted ({@code "interrupted": true} in
 * JSON). The exit code is the JVM's, 130 or 143.
 */
final class LessonRunner {

    /**
     * What a command adds around its lesson's runs: the meters' tags, a trace that feeds them and the lesson's own
     * events while the run goes, and what to record once it ended.
     */
    interface Instruments<S, R> {
        Tags tags(S setup);

        /** Hears every step of the run's tasks on their threads; {@code metered}: the meters will be printed. */
        default Trace trace(S setup, LessonMeters meters, boolean metered) {
            return Trace.none();
        }

        /** After the run: its figures into the meters, the lesson's own Flight Recorder events. */
        void record(S setup, R result, Duration elapsed, LessonMeters meters);
    }

    private LessonRunner() {
    }

    static <S, R> int run(CommandSpec spec, VtlabCommand parent, Lesson<S, R> lesson, LessonView<S, R> view,
                          Instruments<S, R> instruments, JfrOptions jfr, MetricsOptions metrics, FormatOption format)
            throws InterruptedException, TaskFailedException {
        format.refuseWith(metrics, spec);
        PrintWriter err = spec.commandLine().getErr();
        var line = new ProgressLine(err, parent.progress(), System::nanoTime);
        PrintWriter out = line.around(spec.commandLine().getOut());
        TextRenderer text = switch (format.value()) {
            case TEXT -> new TextRenderer(out, parent.style());
            case JSON, HTML -> null;
        };
        List<S> setups = lesson.setups();
        List<Ran<S, R>> runs = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        boolean cut = false; // the last run kept is only the part of it that finished
        try (var stop = parent.handlesSignals() ? StopOnSignal.install(line::stopping) : StopOnSignal.unhooked();
             var session = LessonSession.open(spec, lesson.name(), jfr, metrics, format, parent.style())) {
            List<Estimate> estimates = setups.stream().map(lesson::estimate).toList();
            sayHowLong(spec, lesson, estimates);
            try {
                stop.inLesson(() -> {
                    lesson.prepare();
                    return null;
                });
            } catch (InterruptedException e) {
                if (!stop.requested()) {
                    throw e;
                }
            }
            for (int i = 0; i < setups.size() && !stop.requested(); i++) {
                S setup = setups.get(i);
                List<Block> before = view.before(setup);
                blocks.addAll(before);
                if (text != null) {
                    text.render(before);
                }
                LessonMeters meters = session.meters(instruments.tags(setup));
                var event = LessonRunEvent.begin(lesson.name(), lesson.options(setup));
                long start = System.nanoTime();
                Trace story = text == null ? Trace.none() : live(view.narrative(setup, start), text);
                Trace trace = story.and(instruments.trace(setup, meters, session.metered()));
                var progress = new Progress();
                LessonSession.Timed<R> timed;
                String label = lesson.name() + (setups.size() > 1 ? " " + (i + 1) + "/" + setups.size() : "");
                try (var watch = line.watch(label, estimates.get(i), progress::done)) {
                    timed = stop.inLesson(() -> LessonSession.time(meters, start,
                            () -> lesson.run(setup, trace, progress)));
                    watch.returned();
                } catch (InterruptedException e) {
                    if (!stop.requested()) {
                        throw e;
                    }
                    event.finish("stopped before it finished", null);
                    break; // a run cut halfway is dropped (Lesson's class comment)
                }
                R result = timed.result();
                instruments.record(setup, result, timed.elapsed(), meters);
                event.finish(lesson.outcome(result), lesson.grade(result).name());
                Ran<S, R> ran = new Ran<>(setup, result, timed.elapsed());
                runs.add(ran);
                cut = !lesson.isWhole(result);
                List<Block> after = view.after(ran);
                blocks.addAll(after);
                if (text != null) {
                    text.render(after);
                }
            }
            boolean interrupted = stop.requested() && (cut || runs.size() < setups.size());
            List<Block> summary = runs.isEmpty() ? List.of() : view.summary(runs);
            blocks.addAll(summary);
            List<Block> stopped = interrupted ? view.stopped(runs, setups.size(), cut) : List.of();
            blocks.addAll(stopped);
            Page page = page(spec, lesson, view, runs, blocks, interrupted);
            switch (format.value()) {
                case TEXT -> text.render(concat(summary, stopped));
                case JSON, HTML -> format.write(page, out, parent.style());
            }
            parent.pages().accept(page);
            if (interrupted) {
                if (session.metered()) {
                    err.println(spec.qualifiedName() + ": --metrics: no meters are printed for a stopped run");
                    err.flush();
                }
            } else {
                session.finish();
            }
        }
        boolean forbidden = runs.stream().anyMatch(r -> lesson.grade(r.result()) == Grade.FORBIDDEN);
        // After Ctrl-C or SIGTERM the JVM is exiting: its own code (130, 143) stands, whatever this returns.
        return (forbidden ? ExitCode.FORBIDDEN : ExitCode.OK).code();
    }

    /** Runs estimated to take at least this long in all are announced with their estimate before they start. */
    static final Duration LONG_RUN = Duration.ofSeconds(10);

    /**
     * Before a long lesson: about how long it takes and why, and that Ctrl-C keeps what finished. On stderr, like
     * the progress line: it is about the run, not its result, and stdout may be reserved for one JSON document.
     */
    private static <S, R> void sayHowLong(CommandSpec spec, Lesson<S, R> lesson, List<Estimate> estimates) {
        Duration total = estimates.stream().map(Estimate::time).reduce(Duration.ZERO, Duration::plus);
        if (total.compareTo(LONG_RUN) < 0) {
            return;
        }
        String basis = estimates.stream().map(Estimate::basis).filter(b -> !b.isEmpty())
                .collect(Collectors.joining("; then "));
        String says = spec.qualifiedName() + ": this will take about " + DurationFormat.readable(total)
                + (total.toSeconds() >= 60 ? String.format(Locale.ROOT, " (%,d s)", total.toSeconds()) : "")
                + (basis.isEmpty() ? "" : ": " + basis) + ". Ctrl-C stops it and prints what finished.";
        PrintWriter err = spec.commandLine().getErr();
        Text.wrap(says, "", "  ").forEach(err::println);
        err.flush();
    }

    private static List<Block> concat(List<Block> a, List<Block> b) {
        List<Block> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The story, printed line by line as the task threads take their steps. */
    private static Trace live(Narrative narrative, TextRenderer text) {
        if (narrative == null) {
            return Trace.none();
        }
        return step -> {
            synchronized (narrative) { // the lines of one step, and their order among the tasks', as told
                narrative.tell(step).forEach(text::render);
            }
        };
    }

    private static <S, R> Page page(CommandSpec spec, Lesson<S, R> lesson, LessonView<S, R> view,
                                    List<Ran<S, R>> runs, List<Block> blocks, boolean interrupted) {
        Grade worst = runs.stream().map(r -> lesson.grade(r.result())).max(Grade::compareTo).orElse(null);
        return new Page(Page.SCHEMA, lesson.name(), view.title(), command(spec), Page.Machine.current(),
                worst == null ? null : worst.name(), interrupted, runs.stream().map(view::data).toList(),
                runs.isEmpty() ? null : view.summaryData(runs), blocks);
    }

    /** The command line as it was typed, quoted for a shell where it needs to be: it repeats the run. */
    static String command(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "./vtlab " + args.stream().map(LessonRunner::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./=,:+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

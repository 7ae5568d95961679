package dev.vtlab.cli;

import dev.vtlab.jfr.LessonRunEvent;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Lesson;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.Block;
import dev.vtlab.report.JsonRenderer;
import dev.vtlab.report.LessonView;
import dev.vtlab.report.LessonView.Ran;
import dev.vtlab.report.Narrative;
import dev.vtlab.report.Page;
import dev.vtlab.report.TextRenderer;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        PrintWriter out = spec.commandLine().getOut();
        TextRenderer text = switch (format.value()) {
            case TEXT -> new TextRenderer(out, parent.style());
            case JSON, HTML -> null;
        };
        List<Ran<S, R>> runs = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        try (var session = LessonSession.open(spec, lesson.name(), jfr, metrics, format, parent.style())) {
            lesson.prepare();
            for (S setup : lesson.setups()) {
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
                var timed = LessonSession.time(meters, start, () -> lesson.run(setup, trace));
                R result = timed.result();
                instruments.record(setup, result, timed.elapsed(), meters);
                event.finish(lesson.outcome(result), lesson.grade(result).name());
                Ran<S, R> ran = new Ran<>(setup, result, timed.elapsed());
                runs.add(ran);
                List<Block> after = view.after(ran);
                blocks.addAll(after);
                if (text != null) {
                    text.render(after);
                }
            }
            List<Block> summary = view.summary(runs);
            blocks.addAll(summary);
            Page page = page(spec, lesson, view, runs, blocks);
            switch (format.value()) {
                case TEXT -> text.render(summary);
                case JSON, HTML -> format.write(page, out, parent.style());
            }
            parent.pages().accept(page);
            session.finish();
        }
        boolean forbidden = runs.stream().anyMatch(r -> lesson.grade(r.result()) == Grade.FORBIDDEN);
        return (forbidden ? ExitCode.FORBIDDEN : ExitCode.OK).code();
    }

    /** The story, printed line by line as the task threads take their steps. */
    private static Trace live(Narrative narrative, TextRenderer text) {
        if (narrative == null) {
            return Trace.none();
        }
        return step -> {
            Block.Para line = narrative.line(step);
            if (line != null) {
                text.render(line);
            }
        };
    }

    private static <S, R> Page page(CommandSpec spec, Lesson<S, R> lesson, LessonView<S, R> view,
                                    List<Ran<S, R>> runs, List<Block> blocks) {
        Grade worst = runs.stream().map(r -> lesson.grade(r.result())).max(Grade::compareTo).orElse(null);
        return new Page(Page.SCHEMA, lesson.name(), view.title(), command(spec), Page.Machine.current(),
                worst == null ? null : worst.name(), false, runs.stream().map(view::data).toList(),
                view.summaryData(runs), blocks);
    }

    /** The command line as it was typed, quoted for a shell where it needs to be: it repeats the run. */
    static String command(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "./vtlab " + args.stream().map(LessonRunner::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./=,:+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

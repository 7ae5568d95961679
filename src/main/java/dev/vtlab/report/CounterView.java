package dev.vtlab.report;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Join;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Interleavings;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.lesson.Overwrite;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.LaneStep;
import dev.vtlab.report.Block.Lanes;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Version;
import dev.vtlab.threading.ThreadKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.vtlab.report.Millis.json;

/**
 * The counter lesson's view: each run's opening and closing lines as the notebook prints them, what was lost and
 * why, its grade; after the runs, the comparison and the model of every interleaving. Its data is each run's
 * ending, overwrites, retries, join and grade, and the model.
 */
public final class CounterView implements LessonView<Setup, Result> {

    private static final int OVERWRITES_SHOWN = 3;

    private final boolean verbose;
    private Optional<Interleavings.Model> model; // counted once, on first use, after the timed runs; caller's thread

    /** @param verbose tell each read and write in the story, with its time */
    public CounterView(boolean verbose) {
        this.verbose = verbose;
    }

    // ---- data, for JSON --------------------------------------------------------------------------------------

    /**
     * One run. Under {@code --sync none} every overwrite costs one increment, so {@code actual} is {@code expected}
     * less {@code increment} times the number of overwrites.
     *
     * @param outcome   consistent, or lost-updates
     * @param retries   compare-and-set failures that read again (cas only; 0 otherwise)
     */
    record RunData(String sync, String threads, int tasks, double delayMs, long start, long increment,
                   long expected, long actual, String outcome, List<Overwritten> overwrites, long retries,
                   String grade, JoinData join, double elapsedMs) {
    }

    /**
     * A lost update: {@code lost} was stored, then {@code by} wrote over it having read {@code byHadRead}, an older
     * value, so it never saw {@code lost}.
     */
    record Overwritten(Write lost, Write by, long byHadRead) {
    }

    record Write(String writer, long value) {
    }

    /**
     * Does the wait wait? {@code readBeforeJoin} is the value read right after starting the tasks ({@code
     * --no-join}; null without it), with {@code finishedAtRead} tasks done then; {@code finishedAtJoin} of
     * {@code tasks} were done when the wait returned. Grade: FORBIDDEN if the wait returned early, INTERESTING if
     * the early read saw a value other than the ending, EXPECTED otherwise.
     */
    record JoinData(Long readBeforeJoin, int finishedAtRead, int finishedAtJoin, int tasks, String grade) {
    }

    /** Every interleaving of the tasks' unguarded reads and writes, by the value it ends at (null above 6 tasks). */
    record Summary(Model model) {
    }

    record Model(long interleavings, List<Ending> endings) {
    }

    record Ending(long value, long interleavings) {
    }

    @Override
    public String title() {
        return "The lost update, then the fix";
    }

    @Override
    public Object data(Ran<Setup, Result> run) {
        Result r = run.result();
        Setup s = r.setup();
        Outcome outcome = r.outcome();
        List<Overwritten> overwrites = switch (outcome) {
            case Outcome.Consistent c -> List.of();
            case Outcome.LostUpdates l -> l.overwrites().stream()
                    .map(o -> new Overwritten(write(o.lost()), write(o.by()),
                            r.history().get(o.by().basedOn()).value()))
                    .toList();
        };
        String kind = switch (outcome) {
            case Outcome.Consistent c -> "consistent";
            case Outcome.LostUpdates l -> "lost-updates";
        };
        Join j = r.join();
        var join = new JoinData(j.earlyRead().isPresent() ? j.earlyRead().getAsLong() : null, j.finishedAtRead(),
                j.finishedAtJoin(), j.tasks(), j.grade(outcome.actual()).name());
        return new RunData(s.sync().cliName(), s.threads().cliName(), s.tasks(), json(s.delay()),
                CounterLesson.START, CounterLesson.INCREMENT, outcome.expected(), outcome.actual(), kind, overwrites,
                r.retries(), r.grade().name(), join, json(run.elapsed()));
    }

    @Override
    public Object summaryData(List<Ran<Setup, Result>> runs) {
        return new Summary(model(runs).map(m -> new Model(m.interleavings(), m.endings().stream()
                .map(e -> new Ending(e.value(), e.interleavings())).toList())).orElse(null));
    }

    private static Write write(Version v) {
        return new Write(v.writer(), v.value());
    }

    // ---- blocks, for text and HTML ----------------------------------------------------------------------------

    @Override
    public List<Block> before(Setup setup) {
        return List.of(new Block.Heading(1, "== counter: " + setup.sync().description() + " =="),
                Para.of(Tone.DIM, setup.tasks() + " tasks on " + setup.threads().description() + "; delay "
                        + Millis.brief(setup.delay())),
                Para.of("Testing update. Starting value is " + CounterLesson.START + "."));
    }

    @Override
    public Narrative narrative(Setup setup, long startNanos) {
        return new Narrative(Narrative.Voice.COUNTER, verbose, startNanos);
    }

    @Override
    public List<Block> after(Ran<Setup, Result> run) {
        Result result = run.result();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Story(new Narrative(Narrative.Voice.COUNTER, verbose, startOf(result))
                .lines(result.steps())));
        blocks.add(Para.of("Testing update. Ending value is " + result.outcome().actual() + "."));
        blocks.addAll(explain(result));
        var ending = result.ending();
        blocks.add(new Para(List.of(new Span(ending.grade().name(), Tone.of(ending.grade())),
                Span.plain(": " + ending.words() + " "), new Span("(" + Millis.brief(run.elapsed()) + ")", Tone.DIM)),
                0, 0));
        blocks.addAll(join(result));
        blocks.add(lanes(result));
        blocks.add(new Block.Blank());
        return blocks;
    }

    @Override
    public List<Block> summary(List<Ran<Setup, Result>> runs) {
        List<Block> blocks = new ArrayList<>();
        if (runs.size() > 1) {
            blocks.add(new Block.Heading(2, "What the lesson showed:"));
            List<Row> rows = runs.stream().map(r -> new Row(List.of(
                    Span.plain(r.setup().sync().description() + ":"),
                    Span.plain("ended at " + r.result().outcome().actual() + " (expected " + r.setup().expected()
                            + ")")), Tone.PLAIN, null)).toList();
            blocks.add(new Table(List.of(new Column("guard", false, 25), Column.left("ending")), rows, false, 2));
            blocks.add(Para.note("Reading, adding and writing back is three steps. Unless a guard makes them one,"
                    + " another task can read in between, and its write buries an update it never saw."));
        }
        model(runs).ifPresent(m -> {
            int tasks = m.transactions().size();
            String endings = m.endings().reversed().stream()
                    .map(e -> e.interleavings() + " end at " + e.value())
                    .collect(Collectors.joining(", "));
            blocks.add(Para.of(Tone.DIM, "Predicted, unsynchronised: of the " + m.interleavings()
                    + " interleavings of " + tasks + " reads and " + tasks + " writes, " + endings + "."));
        });
        return blocks;
    }

    /** The model of every interleaving for these runs' tasks, counted once (about 2 s for 6 tasks). */
    private Optional<Interleavings.Model> model(List<Ran<Setup, Result>> runs) {
        if (model == null) {
            model = CounterLesson.model(runs.getFirst().setup().tasks());
        }
        return model;
    }

    private List<Block> explain(Result result) {
        Setup setup = result.setup();
        String sums = "Expected " + setup.expected() + " (" + setup.tasks() + " x " + CounterLesson.INCREMENT + ")";
        return switch (result.outcome()) {
            case Outcome.Consistent c -> List.of(new Para(List.of(new Span(sums + ", got " + c.actual()
                    + ": no update was lost.", Tone.GOOD), Span.plain(" " + howItWasKept(result))), 0, 0));
            case Outcome.LostUpdates l -> lost(sums, l, result.history());
        };
    }

    private List<Block> lost(String sums, Outcome.LostUpdates lost, List<Version> history) {
        int n = lost.overwrites().size();
        List<Block> blocks = new ArrayList<>();
        String count = n == 1 ? "a lost update." : n + " lost updates.";
        blocks.add(Para.of(Tone.BAD, sums + ", got " + lost.actual() + ": " + count));
        for (Overwrite o : lost.overwrites().subList(0, Math.min(n, OVERWRITES_SHOWN))) {
            Version gone = o.lost();
            Version by = o.by();
            blocks.add(Para.note(gone.writer() + " wrote " + gone.value() + ", then " + by.writer() + " overwrote"
                    + " it with " + by.value() + ": " + by.writer() + " had read " + history.get(by.basedOn()).value()
                    + " before " + gone.writer() + "'s write, so it never saw it."));
        }
        if (n > OVERWRITES_SHOWN) {
            blocks.add(Para.note("... and " + (n - OVERWRITES_SHOWN) + " more writes overwritten the same way."));
        }
        return blocks;
    }

    private static String howItWasKept(Result result) {
        Sync sync = result.setup().sync();
        long retries = result.retries();
        return switch (sync) {
            case NONE -> "No guard was needed this time: the tasks happened not to overlap.";
            case SYNCHRONIZED, LOCK -> "With " + sync.description()
                    + " each task read the value the previous one wrote.";
            case CAS -> "The compare-and-set failed " + retries + (retries == 1 ? " time" : " times")
                    + " and each failure read again.";
        };
    }

    /** What --no-join saw before the wait, and whether the wait waited for every task. */
    private static List<Block> join(Result result) {
        Join join = result.join();
        long ending = result.outcome().actual();
        Grade grade = join.grade(ending);
        if (grade == Grade.FORBIDDEN) {
            return List.of(new Para(List.of(new Span("FORBIDDEN", Tone.FORBIDDEN), Span.plain(": the wait returned"
                    + " with " + join.finishedAtJoin() + " of " + join.tasks() + " tasks finished; it promises all."
                    + " This is a bug in vtlab or the JVM.")), 0, 0));
        }
        if (join.earlyRead().isEmpty()) {
            return List.of();
        }
        long early = join.earlyRead().getAsLong();
        boolean scope = result.setup().threads() == ThreadKind.SCOPE;
        String words = switch (grade) {
            case INTERESTING -> early == CounterLesson.START
                    ? "a read before the wait saw the starting value: no task had written yet."
                    : "a read before the wait saw a half-done value.";
            case EXPECTED -> "the tasks were done before the read (no delay); the value was final.";
            case FORBIDDEN -> throw new IllegalStateException("returned above");
        };
        return List.of(
                Para.of("Read before the wait: " + early + ", with " + join.finishedAtRead() + " of " + join.tasks()
                        + " tasks finished; after it: " + ending + "."),
                new Para(List.of(new Span(grade.name(), Tone.of(grade)), Span.plain(": " + words)), 0, 0),
                Para.note((scope ? "Does the scope wait for its tasks? Yes: scope.join() returns only when every"
                        + " subtask has ended (or one failed), and close() cancels and waits for any left."
                        : "Does the with block wait for the tasks? Yes: it takes every task's result, and leaving"
                        + " it calls executor.close(), which waits for any task still running.")
                        + " Code that reads before the wait works with whatever the tasks wrote so far."));
    }

    /** The run's reads, writes, waits and retries as swimlanes (a picture; the text has the story). */
    static Lanes lanes(Result result) {
        return lanes("The run's reads and writes (ms since the first task arrived)", result.steps(),
                result.history(), false);
    }

    /**
     * Steps as swimlanes, the writes that were lost marked: a lost version is matched to its writer's write of
     * that value (each write to one version, in order).
     */
    static Lanes lanes(String caption, List<Step> steps, List<Version> history, boolean inText) {
        long t0 = steps.stream().mapToLong(Step::nanos).min().orElse(0);
        List<String> lanes = steps.stream().map(Step::task).filter(t -> !t.equals(CounterLesson.CALLER))
                .distinct().toList();
        List<Version> lost = new ArrayList<>();
        if (!history.isEmpty()) {
            var numbers = Version.lost(history);
            history.stream().filter(v -> numbers.contains(v.number())).forEach(lost::add);
        }
        List<LaneStep> out = new ArrayList<>();
        for (Step s : steps) {
            String label = switch (s.kind()) {
                case READ -> "read " + s.value();
                case WRITE -> "write " + s.value();
                case RETRY -> "CAS failed, saw " + s.value();
                case WAIT -> "waits for " + s.holder();
                case ARRIVE, START, FINISH, PEEK -> null;
            };
            if (label == null) {
                continue;
            }
            boolean isLost = false;
            if (s.kind() == Step.Kind.WRITE) {
                for (int i = 0; i < lost.size(); i++) {
                    if (lost.get(i).writer().equals(s.task()) && lost.get(i).value() == s.value()) {
                        lost.remove(i);
                        isLost = true;
                        break;
                    }
                }
            }
            out.add(new LaneStep(Millis.between(t0, s.nanos()), s.task(),
                    s.kind().name().toLowerCase(java.util.Locale.ROOT), label, isLost));
        }
        return new Lanes(caption, lanes, out, inText);
    }

    /** The nanoTime of a run's first step, for the story's times. */
    private static long startOf(Result result) {
        return result.steps().stream().mapToLong(Step::nanos).min().orElse(0);
    }
}

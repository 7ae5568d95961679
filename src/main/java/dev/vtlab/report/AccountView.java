package dev.vtlab.report;

import dev.vtlab.lesson.AccountLesson;
import dev.vtlab.lesson.AccountLesson.Prediction;
import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.AccountLesson.Trial;
import dev.vtlab.lesson.Interleavings.Ending;
import dev.vtlab.lesson.Interleavings.Model;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.lesson.Overwrite;
import dev.vtlab.lesson.Proportion;
import dev.vtlab.lesson.Transaction;
import dev.vtlab.report.Block.Bar;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Blank;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.sync.Sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;

import static dev.vtlab.report.Millis.json;

/**
 * The account lesson's view: trial 1 told as a story, the observed endings of all trials with their 95 % intervals
 * as a table and as bars, every interleaving the model allows beside what was seen, and the verdict with the rule
 * that predicts the loser where the trials bear it out. Its data is the parameters, the model, the distribution,
 * the grades and the verdict.
 */
public final class AccountView implements LessonView<Setup, Result> {

    private final boolean verbose;
    private final boolean timeline;

    /**
     * @param verbose  tell trial 1's reads and writes in the story, with their times
     * @param timeline draw trial 1's steps as swimlanes in the text too ({@code --timeline})
     */
    public AccountView(boolean verbose, boolean timeline) {
        this.verbose = verbose;
        this.timeline = timeline;
    }

    // ---- data, for JSON --------------------------------------------------------------------------------------

    /** @param delaysMs each transaction's delay, by name, in the order of {@code transactions} */
    record Parameters(String threads, String sync, long start, List<Transaction> transactions, long expected,
                      int trials, boolean sequential, Map<String, Double> delaysMs, double jitterMs,
                      String schedule) {
    }

    record ModelData(long interleavings, List<Predicted> endings) {
    }

    record Predicted(long balance, long interleavings, String meaning) {
    }

    record Observed(long balance, long trials, double percent, double ci95Low, double ci95High, String meaning,
                    String grade) {
    }

    /**
     * @param trialsDone the trials that finished: all of {@code parameters.trials}, unless Ctrl-C stopped the run
     *                   (then {@code observed} counts these alone)
     * @param verdict    correct, race_shown, inconclusive or forbidden, of the trials that finished
     */
    record RunData(Parameters parameters, int trialsDone, ModelData model, List<Observed> observed,
                   long lostUpdateTrials, String verdict, double elapsedMs) {
    }

    @Override
    public String title() {
        return "Which update is lost, and how often";
    }

    @Override
    public Object data(Ran<Setup, Result> run) {
        Result result = run.result();
        Setup s = result.setup();
        Map<String, Double> delays = new LinkedHashMap<>();
        s.transactions().forEach(t -> delays.put(t.name(), json(s.delays().of(t))));
        var parameters = new Parameters(s.threads().cliName(), s.sync().cliName(), s.start(), s.transactions(),
                s.expected(), s.trials(), s.sequential(), delays, json(s.jitter()),
                s.schedule() == null ? null : s.schedule().cliName());
        List<Predicted> predicted = result.model().endings().stream()
                .map(e -> new Predicted(e.value(), e.interleavings(), meaning(e))).toList();
        List<Observed> observed = result.distribution().stream().map(row -> new Observed(row.value(),
                row.share().count(), percent(row.share().fraction()), percent(row.share().low()),
                percent(row.share().high()), meaning(row.ending()), row.grade().name())).toList();
        return new RunData(parameters, result.trialsDone(), new ModelData(result.model().interleavings(),
                predicted), observed, result.lostUpdateTrials(), result.verdict().name().toLowerCase(Locale.ROOT),
                json(run.elapsed()));
    }

    @Override
    public Object summaryData(List<Ran<Setup, Result>> runs) {
        return null;
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 100_000) / 1000.0;
    }

    // ---- blocks, for text and HTML ----------------------------------------------------------------------------

    @Override
    public List<Block> before(Setup setup) {
        String ops = setup.transactions().stream().map(t -> t.name() + " " + signed(t.amount()))
                .collect(Collectors.joining(", "));
        List<String> knobs = new ArrayList<>();
        knobs.add(setup.sync().description());
        knobs.add(setup.threads().description());
        knobs.add(setup.trials() + (setup.trials() == 1 ? " trial" : " trials")
                + (setup.trials() > 1 ? (setup.sequential() ? ", one after another" : setup.trials()
                        <= AccountLesson.IN_FLIGHT ? ", all at once" : String.format(Locale.ROOT,
                        ", %,d at a time", AccountLesson.IN_FLIGHT)) : ""));
        knobs.add(delays(setup));
        if (!setup.jitter().isZero()) {
            knobs.add("jitter up to " + Millis.brief(setup.jitter()));
        }
        if (setup.schedule() != null) {
            knobs.add("forced schedule " + setup.schedule().cliName() + " (" + setup.schedule().description() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "== account: balance " + setup.start() + "; " + ops + " =="));
        blocks.add(Para.of(Tone.DIM, String.join("; ", knobs)));
        if (setup.trials() > 1) {
            blocks.add(new Heading(2, "Trial 1, told as a story" + (setup.sequential() ? ":"
                    : " (the other trials run beside it):")));
        }
        blocks.add(Para.of("starting with balance of " + setup.start()));
        return blocks;
    }

    @Override
    public Narrative narrative(Setup setup, long startNanos) {
        return new Narrative(Narrative.Voice.ACCOUNT, verbose, startNanos);
    }

    @Override
    public List<Block> after(Ran<Setup, Result> run) {
        Result result = run.result();
        Setup setup = result.setup();
        List<Block> blocks = new ArrayList<>();
        result.story().ifPresentOrElse(first -> {
            long t0 = first.steps().stream().mapToLong(dev.vtlab.sync.Step::nanos).min().orElse(0);
            blocks.add(new Block.Story(new Narrative(Narrative.Voice.ACCOUNT, verbose, t0).lines(first.steps())));
            blocks.addAll(story(first));
            blocks.add(CounterView.lanes("Timeline of trial " + (first.index() + 1) + " (ms since its first step):",
                    first.steps(), first.history(), timeline));
            if (timeline) {
                blocks.add(Para.note("The last write decides the balance. Follow what each writer read back from"
                        + " it: a write off that chain is lost."));
            }
        }, () -> blocks.add(Para.of(Tone.WARN, "Trial 1 was stopped before it finished: it is not counted.")));
        if (setup.trials() > 1) {
            blocks.addAll(distribution(result, run.elapsed()));
        }
        blocks.addAll(model(result));
        blocks.addAll(verdict(result));
        return blocks;
    }

    @Override
    public List<Block> summary(List<Ran<Setup, Result>> runs) {
        return List.of();
    }

    /** One trial's ending, named as the original lesson does, and whose write was lost. */
    private static List<Block> story(Trial trial) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Para(List.of(Span.plain("ending balance of " + trial.outcome().actual()),
                new Span("  (read after the with block, which waited)", Tone.DIM)), 0, 0));
        switch (trial.outcome()) {
            case Outcome.Consistent c -> blocks.add(Para.of(Tone.GOOD, "Correct: " + c.expected() + ". Every"
                    + " transaction read the balance the one before it wrote."));
            case Outcome.LostUpdates l -> {
                blocks.add(Para.of(Tone.BAD, "Expected " + l.expected() + ", got " + l.actual() + ": a lost update."));
                for (Overwrite o : l.overwrites()) {
                    blocks.add(Para.note("The " + o.lost().writer() + "'s write (" + o.lost().value() + ") was lost:"
                            + " the " + o.by().writer() + " had read " + trial.history().get(o.by().basedOn()).value()
                            + " before it, and wrote " + o.by().value() + " over it."));
                }
            }
        }
        return blocks;
    }

    /** The observed distribution with 95 % intervals, as a table and as bars beside the model's shares. */
    private static List<Block> distribution(Result result, Duration elapsed) {
        Setup setup = result.setup();
        List<Row> rows = result.distribution();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Blank());
        blocks.add(new Heading(2, "Observed in " + (result.isWhole() ? setup.trials() + " trials ("
                : result.trialsDone() + " of " + setup.trials() + " trials (interrupted, ") + Millis.brief(elapsed)
                + "):"));
        List<Block.Row> table = rows.stream().map(row -> new Block.Row(List.of(
                Span.plain(Long.toString(row.value())),
                Span.plain(Long.toString(row.share().count())),
                Span.plain(String.format(Locale.ROOT, "%.1f%%", 100 * row.share().fraction())),
                Span.plain(interval(row.share())),
                new Span(row.grade().name(), Tone.of(row.grade())),
                Span.plain(meaning(row.ending()))), Tone.PLAIN, null)).toList();
        blocks.add(new Table(List.of(Column.right("balance"), Column.right("trials"), Column.right("%"),
                Column.left("95% interval"), new Column("grade", false, 11), Column.left("meaning")), table, true,
                2));
        blocks.add(new Blank());
        Model model = result.model();
        List<Bar> bars = rows.stream().map(row -> new Bar(Long.toString(row.value()), meaning(row.ending()),
                row.share().count(), row.share().total(), row.share().low(), row.share().high(),
                row.ending() == null ? -1 : (double) row.ending().interleavings() / model.interleavings(),
                row.grade())).toList();
        blocks.add(new Bars("Endings of " + result.trialsDone() + " trials, with 95 % intervals, beside the share of"
                + " interleavings that end there", "trials", bars));
        return blocks;
    }

    /** Every interleaving of the reads and writes, and the ending each gives, beside what was seen. */
    private static List<Block> model(Result result) {
        Model model = result.model();
        Setup setup = result.setup();
        Map<Long, Long> seenByValue = result.distribution().stream()
                .collect(Collectors.toMap(Row::value, r -> r.share().count()));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Blank());
        blocks.add(new Heading(2, "Predicted: the " + model.interleavings() + " interleavings of "
                + setup.transactions().size() + " reads and " + setup.transactions().size() + " writes"
                + " (unsynchronised):"));
        List<Block.Row> rows = model.endings().stream().map(e -> {
            long seen = seenByValue.getOrDefault(e.value(), 0L);
            String observed = seen == 0 ? "-" : String.format(Locale.ROOT, "%d (%.1f%%)", seen,
                    100.0 * seen / result.trialsDone());
            return new Block.Row(List.of(Span.plain(Long.toString(e.value())),
                    Span.plain(Long.toString(e.interleavings())),
                    Span.plain(String.format(Locale.ROOT, "%.1f%%", 100.0 * e.interleavings() / model.interleavings())),
                    Span.plain(observed), Span.plain(meaning(e))), Tone.PLAIN, null);
        }).toList();
        blocks.add(new Table(List.of(Column.right("balance"), Column.right("interleavings"), Column.right("share"),
                Column.left("observed"), Column.left("meaning")), rows, true, 2));
        blocks.add(Para.note(setup.sync().promisesAtomicity()
                ? "With " + setup.sync().description() + " only the serial orders remain: every trial must end at "
                        + model.expected() + "."
                : "The shares are of orderings, not probabilities: the scheduler does not pick orders uniformly, so"
                        + " the observed shares differ; every observed ending must be in this list."));
        return blocks;
    }

    private static List<Block> verdict(Result result) {
        Setup setup = result.setup();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Blank());
        // A partial run is graded on the trials that finished; every sentence names them, not the planned count.
        String trials = result.isWhole() ? setup.trials() + " trials"
                : "the " + result.trialsDone() + " trials that finished";
        switch (result.verdict()) {
            case CORRECT -> {
                blocks.add(Para.of(Tone.GOOD, "All " + (result.isWhole() ? trials : result.trialsDone()
                        + " trials that finished") + " ended at " + setup.expected() + ": "
                        + (setup.schedule() != null ? "the serial schedule keeps every update."
                        : setup.sync().description() + " kept every update.")));
                if (setup.sync() == Sync.CAS) {
                    blocks.add(Para.of("No lock was taken: " + result.retries() + " compare-and-set attempts failed"
                            + " (another transaction had written since the read) and read again."));
                }
            }
            case RACE_SHOWN -> {
                blocks.add(new Para(List.of(new Span("Race shown: " + result.lostUpdateTrials() + " of "
                        + trials + " lost an update.", Tone.WARN), Span.plain(" The ending depends on"
                        + " which write lands last; try --sync lock to see it fixed.")), 0, 0));
                result.prediction().ifPresent(p -> blocks.addAll(prediction(setup, p)));
            }
            case INCONCLUSIVE -> blocks.add(new Para(List.of(new Span("Inconclusive: no trial lost an update, but"
                    + " nothing guards the balance.", Tone.WARN), Span.plain(" The race window was too short to be"
                    + " hit" + (result.trialsDone() < 100 ? " in so few trials" : "") + "; widen it with --delay"
                    + " 1ms or --jitter 1ms, or force it with --schedule deposit-lost.")), 0, 0));
            case FORBIDDEN -> blocks.add(Para.of(Tone.BAD, "FORBIDDEN: an ending that " + (setup.sync() == Sync.NONE
                    ? "the model says is impossible" : setup.sync().description() + " promises never to happen")
                    + " appeared. This is a bug in vtlab or the JVM."));
        }
        if (!result.isWhole()) {
            blocks.add(Para.of(Tone.WARN, "Graded as partial: on the " + result.trialsDone() + " of "
                    + setup.trials() + " trials that finished before the run was interrupted. The intervals are"
                    + " those of " + result.trialsDone() + " trials; the rest were stopped and are not counted."));
        }
        return blocks;
    }

    /** Stopped: the trials that finished are counted above; or none had, and there is nothing to count. */
    @Override
    public List<Block> stopped(List<Ran<Setup, Result>> finished, int planned, boolean partial) {
        if (!finished.isEmpty() && !partial) {
            return LessonView.super.stopped(finished, planned, false);
        }
        String what = finished.isEmpty() ? "before any trial finished: there is nothing to count."
                : "after " + finished.getLast().result().trialsDone() + " of " + finished.getLast().setup()
                        .trials() + " trials: those that finished are counted above.";
        return List.of(new Blank(), Para.of(Tone.WARN, STOPPED + what));
    }

    /**
     * Whose write was lost, and why: the write that lands first is buried by the other, which read before it. What
     * decides the order of the writes is said only when the trials bear it out (more than half of them).
     */
    private static List<Block> prediction(Setup setup, Prediction p) {
        Proportion held = p.held();
        List<Block> blocks = new ArrayList<>();
        switch (p.rule()) {
            case FIRST_READER -> {
                blocks.add(Para.of(String.format(Locale.ROOT, "In %d of those %d trials (%.1f%%) the lost write was"
                        + " the first reader's.", held.count(), held.total(), 100 * held.fraction())));
                if (held.fraction() > 0.5) {
                    blocks.add(Para.of("With equal delays the first to read is the first to write, and the other"
                            + " transaction's later write, computed from the same old balance, lands on top: the"
                            + " order of the reads predicts the loser."));
                }
            }
            case SHORTER_DELAY -> {
                Transaction loser = setup.transactions().stream().filter(t -> t.name().equals(p.loser()))
                        .findFirst().orElseThrow();
                Transaction winner = setup.transactions().stream().filter(t -> t != loser).findFirst().orElseThrow();
                Duration shorter = setup.delays().of(loser);
                Duration longer = setup.delays().of(winner);
                blocks.add(Para.of(String.format(Locale.ROOT, "In %d of those %d trials (%.1f%%) the lost write was"
                        + " the %s's, the shorter delay (%s against %s).", held.count(), held.total(),
                        100 * held.fraction(), loser.name(), Millis.brief(shorter), Millis.brief(longer))));
                blocks.add(Para.of(held.fraction() > 0.5
                        ? "Both read at about the same time; the " + loser.name() + " wakes first and writes first,"
                                + " and the " + winner.name() + "'s write, " + Millis.brief(longer.minus(shorter))
                                + " later and computed from the same old balance, lands on top: the longer"
                                + " sleeper's write is the one that stays."
                        : "The starts are spread (--jitter) more than the delays differ, so the order of the writes"
                                + " is left to the scheduler."));
            }
        }
        return blocks;
    }

    /** {@code delay 1 ms}, or {@code delays deposit 2 ms, withdrawal 5 ms}. */
    private static String delays(Setup setup) {
        if (setup.delays().equalFor(setup.transactions())) {
            return "delay " + Millis.brief(setup.delays().of(setup.transactions().getFirst()));
        }
        return "delays " + setup.transactions().stream().map(t -> t.name() + " " + Millis.brief(setup.delays().of(t)))
                .collect(Collectors.joining(", "));
    }

    /** The words for an ending: correct, or whose write was lost; several ways are joined by "or". */
    static String meaning(Ending ending) {
        if (ending == null) {
            return "impossible per the model (a bug)";
        }
        List<String> ways = new ArrayList<>();
        for (SortedSet<String> lost : ending.lostSets()) {
            ways.add(lost.isEmpty() ? "correct" : String.join(" and ", lost) + " lost");
        }
        ways.sort(null);
        return String.join(" or ", ways);
    }

    private static String interval(Proportion share) {
        return String.format(Locale.ROOT, "[%.1f-%.1f]", 100 * share.low(), 100 * share.high());
    }

    private static String signed(long amount) {
        return amount >= 0 ? "+" + amount : Long.toString(amount);
    }
}

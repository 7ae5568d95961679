package dev.vtlab.report;

import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Prediction;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.AccountLesson.Trial;
import dev.vtlab.lesson.Interleavings.Ending;
import dev.vtlab.lesson.Interleavings.Model;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.lesson.Overwrite;
import dev.vtlab.lesson.Proportion;
import dev.vtlab.lesson.Transaction;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Version;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;

/** Renders the account lesson as text: the story of one trial, or the distribution of many beside the model. */
public final class AccountReport {

    private static final int BAR_WIDTH = 40;

    private final PrintWriter out;
    private final Style style;

    public AccountReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void header(Setup setup) {
        String ops = setup.transactions().stream().map(t -> t.name() + " " + signed(t.amount()))
                .collect(Collectors.joining(", "));
        say(style.bold("== account: balance " + setup.start() + "; " + ops + " =="));
        List<String> knobs = new ArrayList<>();
        knobs.add(setup.sync().description());
        knobs.add(setup.threads().description());
        knobs.add(setup.trials() + (setup.trials() == 1 ? " trial" : " trials")
                + (setup.trials() > 1 ? (setup.sequential() ? ", one after another" : ", all at once") : ""));
        knobs.add(delays(setup));
        if (!setup.jitter().isZero()) {
            knobs.add("jitter up to " + Millis.brief(setup.jitter()));
        }
        if (setup.schedule() != null) {
            knobs.add("forced schedule " + setup.schedule().cliName() + " (" + setup.schedule().description() + ")");
        }
        say(style.dim(String.join("; ", knobs)));
        if (setup.trials() > 1) {
            out.println(style.bold("Trial 1, told as a story" + (setup.sequential() ? ":"
                    : " (the other trials run beside it):")));
        }
        out.println("starting with balance of " + setup.start());
        out.flush();
    }

    /** One trial's ending, named as the original lesson does, and whose write was lost. */
    public void story(Result result) {
        Trial trial = result.trials().getFirst();
        out.println("ending balance of " + trial.outcome().actual() + style.dim("  (read after the with block,"
                + " which waited)"));
        switch (trial.outcome()) {
            case Outcome.Consistent c -> say(style.green("Correct: " + c.expected() + ". Every transaction"
                    + " read the balance the one before it wrote."));
            case Outcome.LostUpdates l -> {
                out.println(style.red("Expected " + l.expected() + ", got " + l.actual() + ": a lost update."));
                for (Overwrite o : l.overwrites()) {
                    note("The " + o.lost().writer() + "'s write (" + o.lost().value() + ") was lost: the "
                            + o.by().writer() + " had read " + valueOf(trial.history(), o.by().basedOn())
                            + " before it, and wrote " + o.by().value() + " over it.");
                }
            }
        }
    }

    /** A swimlane per transaction: each read and write of one trial, with its time and value. */
    public void timeline(Trial trial) {
        List<Step> steps = trial.steps();
        List<String> lanes = steps.stream().map(Step::task).distinct().toList();
        long t0 = steps.stream().mapToLong(Step::nanos).min().orElse(0);
        int width = Math.max(22, lanes.stream().mapToInt(String::length).max().orElse(0) + 4);
        out.println();
        out.println(style.bold("Timeline of trial " + (trial.index() + 1) + " (ms since its first step):"));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %9s  ", "ms"));
        lanes.forEach(lane -> head.append(pad(lane, width)));
        out.println(head.toString().stripTrailing());
        // the lanes show shared-memory steps and waits; arrive, start and finish are in the narrative (t0 is still
        // the first arrival)
        List<Step> shared = steps.stream().filter(s -> switch (s.kind()) {
            case WAIT, READ, RETRY, WRITE -> true;
            case ARRIVE, START, FINISH, PEEK -> false;
        }).toList();
        for (Step step : shared) {
            String what = switch (step.kind()) {
                case READ -> "read " + step.value();
                case RETRY -> "CAS failed, saw " + step.value();
                case WRITE -> "write " + step.value();
                case WAIT -> "waits for " + step.holder();
                case ARRIVE, START, FINISH, PEEK -> throw new IllegalStateException("filtered out above: " + step);
            };
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %9.3f  ", (step.nanos() - t0) / 1e6));
            for (String lane : lanes) {
                line.append(pad(lane.equals(step.task()) ? what : "", width));
            }
            out.println(line.toString().stripTrailing());
        }
        note("The last write decides the balance. Follow what each writer read back from it: a write off"
                + " that chain is lost.");
    }

    /** The observed distribution beside the model, with 95 % intervals and a bar per ending. */
    public void distribution(Result result, Duration elapsed) {
        Setup setup = result.setup();
        List<Row> rows = result.distribution();
        out.println();
        out.println(style.bold("Observed in " + setup.trials() + " trials (" + Millis.brief(elapsed) + "):"));
        int balance = width("balance", rows.stream().map(r -> Long.toString(r.value())));
        int trials = width("trials", rows.stream().map(r -> Long.toString(r.share().count())));
        String head = String.format(Locale.ROOT, "  %" + balance + "s %" + trials + "s %6s  %-13s  %-11s  ",
                "balance", "trials", "%", "95% interval", "grade");
        out.println(head + "meaning");
        for (Row row : rows) {
            String cells = String.format(Locale.ROOT, "  %" + balance + "d %" + trials + "d %5.1f%%  %-13s  %s  ",
                    row.value(), row.share().count(), 100 * row.share().fraction(), interval(row),
                    style.grade(row.grade(), String.format(Locale.ROOT, "%-11s", row.grade().name())));
            Text.wrap(meaning(row.ending()), cells, " ".repeat(head.length())).forEach(out::println);
        }
        out.println();
        long most = rows.stream().mapToLong(r -> r.share().count()).max().orElse(1);
        for (Row row : rows) {
            int len = (int) Math.round((double) BAR_WIDTH * row.share().count() / most);
            String bar = (style.ansi() ? "\u2588" : "#").repeat(Math.max(len, row.share().count() > 0 ? 1 : 0));
            out.printf(Locale.ROOT, "  %" + balance + "d | %s %d%n", row.value(), style.grade(row.grade(), bar),
                    row.share().count());
        }
    }

    /** Every interleaving of the reads and writes, and the ending each gives, beside what was seen. */
    public void model(Result result) {
        Model model = result.model();
        Setup setup = result.setup();
        out.println();
        say(style.bold("Predicted: the " + model.interleavings() + " interleavings of "
                + setup.transactions().size() + " reads and " + setup.transactions().size() + " writes"
                + " (unsynchronised):"));
        Map<Long, Long> seenByValue = result.distribution().stream()
                .collect(Collectors.toMap(Row::value, r -> r.share().count()));
        int balance = width("balance", model.endings().stream().map(e -> Long.toString(e.value())));
        List<String> observed = model.endings().stream().map(e -> {
            long seen = seenByValue.getOrDefault(e.value(), 0L);
            return seen == 0 ? "-" : String.format(Locale.ROOT, "%d (%.1f%%)", seen,
                    100.0 * seen / result.trials().size());
        }).toList();
        int seenWidth = width("observed", observed.stream());
        String head = String.format(Locale.ROOT, "  %" + balance + "s %13s %6s  %-" + seenWidth + "s  ", "balance",
                "interleavings", "share", "observed");
        out.println(head + "meaning");
        for (int i = 0; i < model.endings().size(); i++) {
            Ending e = model.endings().get(i);
            String cells = String.format(Locale.ROOT, "  %" + balance + "d %13d %5.1f%%  %-" + seenWidth + "s  ",
                    e.value(), e.interleavings(), 100.0 * e.interleavings() / model.interleavings(), observed.get(i));
            Text.wrap(meaning(e), cells, " ".repeat(head.length())).forEach(out::println);
        }
        if (setup.sync().promisesAtomicity()) {
            note("With " + setup.sync().description() + " only the serial orders remain: every trial must end at "
                    + model.expected() + ".");
        } else {
            note("The shares are of orderings, not probabilities: the scheduler does not pick orders uniformly, so"
                    + " the observed shares differ; every observed ending must be in this list.");
        }
    }

    public void verdict(Result result) {
        Setup setup = result.setup();
        out.println();
        switch (result.verdict()) {
            case CORRECT -> {
                say(style.green("All " + setup.trials() + " trials ended at " + setup.expected() + ": "
                        + (setup.schedule() != null ? "the serial schedule keeps every update."
                        : setup.sync().description() + " kept every update.")));
                if (setup.sync() == Sync.CAS) {
                    say("No lock was taken: " + result.retries() + " compare-and-set attempts failed"
                            + " (another transaction had written since the read) and read again.");
                }
            }
            case RACE_SHOWN -> {
                say(style.yellow("Race shown: " + result.lostUpdateTrials() + " of " + setup.trials()
                        + " trials lost an update.") + " The ending depends on which write lands last;"
                        + " try --sync lock to see it fixed.");
                result.prediction().ifPresent(p -> prediction(setup, p));
            }
            case INCONCLUSIVE -> say(style.yellow("Inconclusive: no trial lost an update, but nothing"
                    + " guards the balance.") + " The race window was too short to be hit"
                    + (setup.trials() < 100 ? " in so few trials" : "") + "; widen it with --delay 1ms or"
                    + " --jitter 1ms, or force it with --schedule deposit-lost.");
            case FORBIDDEN -> say(style.red("FORBIDDEN: an ending that " + (setup.sync() == Sync.NONE
                    ? "the model says is impossible" : setup.sync().description() + " promises never to happen")
                    + " appeared. This is a bug in vtlab or the JVM."));
        }
        out.flush();
    }

    /**
     * Whose write was lost, and why: the write that lands first is buried by the other, which read before it. What
     * decides the order of the writes is said only when the trials bear it out (more than half of them).
     */
    private void prediction(Setup setup, Prediction p) {
        Proportion held = p.held();
        switch (p.rule()) {
            case FIRST_READER -> {
                say(String.format(Locale.ROOT, "In %d of those %d trials (%.1f%%) the lost write was the first"
                        + " reader's.", held.count(), held.total(), 100 * held.fraction()));
                if (held.fraction() > 0.5) {
                    say("With equal delays the first to read is the first to write, and the other transaction's"
                            + " later write, computed from the same old balance, lands on top: the order of the"
                            + " reads predicts the loser.");
                }
            }
            case SHORTER_DELAY -> {
                Transaction loser = setup.transactions().stream().filter(t -> t.name().equals(p.loser()))
                        .findFirst().orElseThrow();
                Transaction winner = setup.transactions().stream().filter(t -> t != loser).findFirst().orElseThrow();
                Duration short_ = setup.delays().of(loser);
                Duration long_ = setup.delays().of(winner);
                say(String.format(Locale.ROOT, "In %d of those %d trials (%.1f%%) the lost write was the %s's, the"
                        + " shorter delay (%s against %s).", held.count(), held.total(), 100 * held.fraction(),
                        loser.name(), Millis.brief(short_), Millis.brief(long_)));
                if (held.fraction() > 0.5) {
                    say("Both read at about the same time; the " + loser.name() + " wakes first and writes first,"
                            + " and the " + winner.name() + "'s write, " + Millis.brief(long_.minus(short_))
                            + " later and computed from the same old balance, lands on top: the longer sleeper's"
                            + " write is the one that stays.");
                } else {
                    say("The starts are spread (--jitter) more than the delays differ, so the order of the writes"
                            + " is left to the scheduler.");
                }
            }
        }
    }

    /** A paragraph, wrapped to the terminal's 80 columns. */
    private void say(String paragraph) {
        Text.wrap(paragraph, "").forEach(out::println);
    }

    /** A paragraph indented by two, wrapped with its later lines indented by four. */
    private void note(String paragraph) {
        Text.wrap(paragraph, "  ", "    ").forEach(out::println);
    }

    /** The width of a right-aligned column: its heading or its widest value. */
    private static int width(String heading, java.util.stream.Stream<String> values) {
        return Math.max(heading.length(), values.mapToInt(String::length).max().orElse(0));
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

    private String interval(Row row) {
        return String.format(Locale.ROOT, "[%.1f-%.1f]", 100 * row.share().low(), 100 * row.share().high());
    }

    private static long valueOf(List<Version> history, int number) {
        return history.get(number).value();
    }

    private static String signed(long amount) {
        return amount >= 0 ? "+" + amount : Long.toString(amount);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}

package dev.vtlab.report;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Join;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Interleavings;
import dev.vtlab.lesson.Interleavings.Model;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.lesson.Overwrite;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Version;
import dev.vtlab.threading.ThreadKind;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders the counter lesson as text: a header, the opening and closing lines, what happened and its grade. */
public final class CounterReport {

    private static final int OVERWRITES_SHOWN = 3;

    private final PrintWriter out;
    private final Style style;

    public CounterReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void header(Setup setup) {
        out.println(style.bold("== counter: " + setup.sync().description() + " =="));
        say(style.dim(setup.tasks() + " tasks on " + setup.threads().description() + "; delay "
                + Millis.brief(setup.delay())));
        out.println("Testing update. Starting value is " + CounterLesson.START + ".");
        out.flush();
    }

    public void result(Result result, Duration elapsed) {
        out.println("Testing update. Ending value is " + result.outcome().actual() + ".");
        for (String line : explain(result)) {
            out.println(line);
        }
        say(grade(result.grade(), result.setup().sync()) + " " + style.dim("(" + Millis.brief(elapsed) + ")"));
        join(result);
        out.println();
        out.flush();
    }

    /** A paragraph, wrapped to the terminal's 80 columns. */
    private void say(String paragraph) {
        Text.wrap(paragraph, "").forEach(out::println);
    }

    /** A paragraph indented by two, wrapped with its later lines indented by four. */
    private void note(String paragraph) {
        Text.wrap(paragraph, "  ", "    ").forEach(out::println);
    }

    /** What --no-join saw before the wait, and whether the wait waited for every task. */
    private void join(Result result) {
        Join join = result.join();
        long ending = result.outcome().actual();
        Grade grade = join.grade(ending);
        if (grade == Grade.FORBIDDEN) {
            say(style.grade(grade, "FORBIDDEN") + ": the wait returned with " + join.finishedAtJoin() + " of "
                    + join.tasks() + " tasks finished; it promises all. This is a bug in vtlab or the JVM.");
            return;
        }
        if (join.earlyRead().isEmpty()) {
            return;
        }
        long early = join.earlyRead().getAsLong();
        boolean scope = result.setup().threads() == ThreadKind.SCOPE;
        say("Read before the wait: " + early + ", with " + join.finishedAtRead() + " of " + join.tasks()
                + " tasks finished; after it: " + ending + ".");
        say(style.grade(grade, grade.name()) + ": " + switch (grade) {
            case INTERESTING -> early == CounterLesson.START
                    ? "a read before the wait saw the starting value: no task had written yet."
                    : "a read before the wait saw a half-done value.";
            case EXPECTED -> "the tasks were done before the read (no delay); the value was final.";
            case FORBIDDEN -> throw new IllegalStateException("reported above");
        });
        note((scope ? "Does the scope wait for its tasks? Yes: scope.join() returns only when every subtask has"
                + " ended (or one failed), and close() cancels and waits for any left."
                : "Does the with block wait for the tasks? Yes: it takes every task's result, and leaving it"
                + " calls executor.close(), which waits for any task still running.")
                + " Code that reads before the wait works with whatever the tasks wrote so far.");
    }

    /**
     * What the model predicts for these tasks unguarded: how many interleavings of their reads and writes end at
     * each value. Printed once per lesson, for at most {@link Interleavings#MAX_TRANSACTIONS} tasks.
     */
    public void model(Model model) {
        int tasks = model.transactions().size();
        String endings = model.endings().reversed().stream()
                .map(e -> e.interleavings() + " end at " + e.value())
                .collect(Collectors.joining(", "));
        say(style.dim("Predicted, unsynchronised: of the " + model.interleavings() + " interleavings of "
                + tasks + " reads and " + tasks + " writes, " + endings + "."));
        out.flush();
    }

    /** The closing comparison when the lesson ran without and then with a guard. */
    public void compare(List<Result> results) {
        out.println(style.bold("What the lesson showed:"));
        for (Result r : results) {
            out.printf(Locale.ROOT, "  %-26s ended at %d (expected %d)%n",
                    r.setup().sync().description() + ":", r.outcome().actual(), r.setup().expected());
        }
        note("Reading, adding and writing back is three steps. Unless a guard makes them one, another task"
                + " can read in between, and its write buries an update it never saw.");
        out.flush();
    }

    private List<String> explain(Result result) {
        Setup setup = result.setup();
        String sums = "Expected " + setup.expected() + " (" + setup.tasks() + " x " + CounterLesson.INCREMENT + ")";
        return switch (result.outcome()) {
            case Outcome.Consistent c -> Text.wrap(style.green(sums + ", got " + c.actual() + ": no update was"
                    + " lost.") + " " + howItWasKept(result), "");
            case Outcome.LostUpdates l -> lost(sums, l, result.history());
        };
    }

    private List<String> lost(String sums, Outcome.LostUpdates lost, List<Version> history) {
        int n = lost.overwrites().size();
        List<String> lines = new ArrayList<>();
        String count = n == 1 ? "a lost update." : n + " lost updates.";
        lines.add(style.red(sums + ", got " + lost.actual() + ": " + count));
        for (Overwrite o : lost.overwrites().subList(0, Math.min(n, OVERWRITES_SHOWN))) {
            Version gone = o.lost();
            Version by = o.by();
            lines.addAll(Text.wrap(gone.writer() + " wrote " + gone.value() + ", then " + by.writer() + " overwrote"
                    + " it with " + by.value() + ": " + by.writer() + " had read " + history.get(by.basedOn()).value()
                    + " before " + gone.writer() + "'s write, so it never saw it.", "  ", "    "));
        }
        if (n > OVERWRITES_SHOWN) {
            lines.add("  ... and " + (n - OVERWRITES_SHOWN) + " more writes overwritten the same way.");
        }
        return lines;
    }

    private String howItWasKept(Result result) {
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

    private String grade(Grade grade, Sync sync) {
        return style.grade(grade, grade.name()) + switch (grade) {
            case EXPECTED -> ": the correct result.";
            case INTERESTING -> ": the race this lesson is about, a lost update.";
            case FORBIDDEN -> ": " + sync.description() + " promises no lost update, and one was lost. This is a bug"
                    + " in vtlab or the JVM.";
        };
    }
}

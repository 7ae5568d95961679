package dev.vtlab.report;

import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.FailureLesson.Caller;
import dev.vtlab.lesson.FailureLesson.Fate;
import dev.vtlab.lesson.FailureLesson.Run;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.SubtaskRun;
import dev.vtlab.threading.Join;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the failure lesson as text: a header naming the setup, then one table row per way (printed as each way
 * finishes, so the slow ways do not leave the screen blank), then what each row means and its grade.
 */
public final class FailureReport {

    private static final String[] HEADINGS = {"way", "at ms", "wasted", "the caller saw, then the siblings"};
    /** Column widths; a negative width right-aligns the column (numbers), as in a format's {@code %-6s}, inverted. */
    private static final int[] WIDTHS = {23, -5, -6, 0};
    /** Where the last column starts: the siblings' line under a row starts there too. */
    private static final String UNDER_LAST = " ".repeat(23 + 1 + 5 + 1 + 6 + 1);
    private static final String INDENT = "                ";

    private final PrintWriter out;
    private final Style style;

    public FailureReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void header(Setup setup) {
        String failing = FailureLesson.taskName(setup.failing());
        String what = setup.exception()
                .map(e -> failing + " throws " + e.exceptionName() + " after "
                        + millis(setup.failAfter()))
                .orElse(failing + " returns after " + millis(setup.failAfter()) + " (--no-failure: the control)");
        out.println(style.bold("== failure: five ways to wait for three subtasks =="));
        Text.wrap(style.dim(what + "; the others work " + millis(setup.work()) + "; ways 1 and 2 on "
                + setup.threads().description() + "; way 5's deadline " + millis(setup.timeout()) + "; scopes of"
                + " JDK " + Runtime.version().feature()), "").forEach(out::println);
        out.println();
        out.println(style.bold(row(HEADINGS)));
        out.flush();
    }

    /** One way's row of the table. */
    public void row(Run run) {
        String saw = switch (run.caller()) {
            case Caller.Threw t -> simpleName(t.thrown()) + (t.thrown().getCause() == null ? ""
                    : "(" + simpleName(t.thrown().getCause()) + ")");
            case Caller.Returned r when run.way() == Join.SHUTDOWN_ON_SUCCESS && !r.results().isEmpty() ->
                    r.results().getFirst() + "'s result" + run.failure().map(f -> " (failure ignored)").orElse("");
            case Caller.Returned r -> run.failure().isPresent() ? "success (the failure was lost)" : "success";
        };
        String wasted = run.failure().isPresent() ? millisNumber(run.wasted()) : "-";
        String line = row(run.way().ordinal() + 1 + " " + run.way().description(), millisNumber(run.caller().at()),
                wasted, saw);
        out.println(style.grade(run.grade(), line));
        Text.wrap("siblings " + siblings(run) + " ms", UNDER_LAST).forEach(l -> out.println(style.dim(l)));
        out.flush();
    }

    /** After the table: what each row showed, with its grade. */
    public void explain(List<Run> runs) {
        out.println();
        for (String line : Text.wrap("at = when the caller got control back, since the way started; siblings ="
                + " the tasks other than the failing one, and when each ended; wasted = sibling work after the"
                + " failure for a result nobody used, in ms.", "")) {
            out.println(style.dim(line));
        }
        out.println();
        out.println(style.bold("What the lesson showed:"));
        for (Run run : runs) {
            String grade = style.grade(run.grade(), String.format(Locale.ROOT, "%-11s", run.grade().name()));
            List<String> lines = Text.wrap(story(run), INDENT);
            out.println("  " + (run.way().ordinal() + 1) + " " + grade + " " + lines.getFirst().strip());
            lines.subList(1, lines.size()).forEach(out::println);
        }
        out.flush();
    }

    private String story(Run run) {
        Duration at = run.caller().at();
        String siblings = names(run.siblings());
        return run.failure().map(failure -> {
            String thrown = failure.thrown().map(FailureReport::describe).orElse("an exception");
            String name = failure.plan().name();
            return switch (run.way()) {
                case FIRE_AND_FORGET -> name + " threw " + thrown + ", and the caller never knew: it returned normally"
                        + " at " + millis(at) + ". The exception is still in a Future nobody read.";
                case GET_IN_ORDER -> switch (run.caller()) {
                    case Caller.Threw t -> "the failure surfaced at " + millis(at) + ", when get() reached " + name
                            + "'s Future and the executor's close() had waited for " + siblings + ", which nobody "
                            + "cancelled.";
                    case Caller.Returned r -> "get() returned normally although " + name + " failed.";
                };
                case SHUTDOWN_ON_FAILURE, DEADLINE -> switch (run.caller()) {
                    case Caller.Threw t when run.way() == Join.DEADLINE && Join.isTimeout(t.thrown()) -> "the deadline ("
                            + millis(run.setup().timeout()) + ") and " + name + "'s failure came together, and the"
                            + " deadline won: the caller got " + simpleName(t.thrown()) + " at " + millis(at) + ". "
                            + cancelled(run.siblings());
                    case Caller.Threw t -> (run.way() == Join.DEADLINE ? name + " failed before the deadline ("
                            + millis(run.setup().timeout()) + "): " : "") + threw(t) + " at " + millis(at)
                            + "; its cause is " + (t.thrown().getCause() == failure.thrown().orElse(null)
                                    ? "the very " : "not the ")
                            + "exception " + name + " threw. " + cancelled(run.siblings());
                    case Caller.Returned r -> "the scope returned normally although " + name + " failed.";
                };
                case SHUTDOWN_ON_SUCCESS -> switch (run.caller()) {
                    case Caller.Returned r -> name + "'s failure did not end the race: "
                            + String.join(", ", r.results()) + " answered first, at " + millis(at) + ". "
                            + cancelled(run.siblings());
                    case Caller.Threw t -> "no replica succeeded, so result() threw the first failure.";
                };
            };
        }).orElseGet(() -> switch (run.caller()) {
            case Caller.Returned r when run.way() == Join.SHUTDOWN_ON_SUCCESS -> "nothing failed; "
                    + String.join(", ", r.results()) + " answered first, at " + millis(at) + ". "
                    + cancelled(run.subtasks());
            case Caller.Returned r -> "nothing failed; the caller returned normally at " + millis(at) + ".";
            case Caller.Threw t when run.way() == Join.DEADLINE && Join.isTimeout(t.thrown()) -> "the deadline ("
                    + millis(run.setup().timeout()) + ") passed first: the caller got " + simpleName(t.thrown())
                    + " at " + millis(at) + ", and the scope interrupted every subtask still running"
                    + (run.setup().fails() ? ", the one that was to fail too. " : ". ") + cancelled(run.subtasks());
            case Caller.Threw t -> "nothing failed, yet the caller threw " + describe(t.thrown()) + ".";
        });
    }

    /** How a scope that wants every result threw: JDK 21's two steps, or JDK 25's join(). */
    private static String threw(Caller.Threw t) {
        return t.thrown() instanceof java.util.concurrent.ExecutionException
                ? "join() returned and throwIfFailed() threw"
                : "join() threw " + simpleName(t.thrown());
    }

    private static String cancelled(List<SubtaskRun> subtasks) {
        List<SubtaskRun> cancelled = subtasks.stream().filter(s -> s.fate() == Fate.CANCELLED).toList();
        if (cancelled.isEmpty()) {
            return "Nothing was left to cancel.";
        }
        return capitalise(names(cancelled)) + (cancelled.size() == 1 ? " was" : " were")
                + " interrupted and saw it (InterruptedException) at " + times(cancelled) + " ms.";
    }

    private static String siblings(Run run) {
        List<SubtaskRun> siblings = run.siblings();
        boolean oneFate = siblings.stream().map(SubtaskRun::fate).distinct().count() == 1;
        if (oneFate) {
            return phrase(siblings.getFirst().fate()) + ": " + times(siblings);
        }
        List<String> results = run.caller() instanceof Caller.Returned r ? r.results() : List.of();
        return siblings.stream()
                .map(s -> number(s) + " " + (results.contains(s.plan().name()) ? "won" : phrase(s.fate())) + " "
                        + times(List.of(s)))
                .collect(Collectors.joining(", "));
    }

    private static String phrase(Fate fate) {
        return switch (fate) {
            case COMPLETED -> "ran to the end";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            case NOT_STARTED -> "never started";
        };
    }

    private static String times(List<SubtaskRun> subtasks) {
        List<String> ms = new ArrayList<>();
        for (SubtaskRun s : subtasks) {
            ms.add(s.fate() == Fate.NOT_STARTED ? "-" : millisNumber(s.ended()));
        }
        return String.join(", ", ms);
    }

    private static String names(List<SubtaskRun> subtasks) {
        List<String> names = subtasks.stream().map(s -> s.plan().name()).toList();
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String number(SubtaskRun s) {
        return s.plan().name().replace("task ", "#") + ":";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String describe(Throwable t) {
        return simpleName(t) + " (\"" + t.getMessage() + "\")";
    }

    private static String simpleName(Throwable t) {
        return t.getClass().getSimpleName();
    }

    private static String row(String... cells) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(WIDTHS[i] == 0 ? cells[i] : String.format(Locale.ROOT, "%" + -WIDTHS[i] + "s ", cells[i]));
        }
        return line.toString().stripTrailing();
    }

    private static String millis(Duration d) {
        return millisNumber(d) + " ms";
    }

    private static String millisNumber(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 10 || ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f", ms)
                : String.format(Locale.ROOT, "%.1f", ms);
    }
}

package dev.vtlab.report;

import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.FailureLesson.Caller;
import dev.vtlab.lesson.FailureLesson.Fate;
import dev.vtlab.lesson.FailureLesson.Run;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.SubtaskRun;
import dev.vtlab.lesson.FailureLesson.Way;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Gantt;
import dev.vtlab.report.Block.GanttRow;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Segment;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.threading.Join;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.vtlab.report.Millis.json;

/**
 * The failure lesson's view: a header naming the setup, then one table row per way (the text prints each as the way
 * finishes, so the slow ways do not leave the screen blank), then what each row means and its grade, and the five
 * ways as subtask bars ending in their fates. Its data is per way what the caller saw and when, each subtask's fate
 * and times, the wasted sibling work and the grade. Times are milliseconds since the way started.
 */
public final class FailureView implements LessonView<Way, Run> {

    /** The table's columns; fixed widths, since its rows come one block at a time, as each way ends. */
    private static final List<Column> COLUMNS = List.of(new Column("way", false, 23), new Column("at ms", true, 5),
            new Column("wasted", true, 6), Column.left("the caller saw, then the siblings"));
    private static final String INDENT = "                ";

    // ---- data, for JSON --------------------------------------------------------------------------------------

    /**
     * @param exception what the failing task throws; null for the control ({@code --no-failure})
     * @param timeoutMs way 5's deadline
     */
    record Parameters(String threads, int subtasks, int failing, double failAfterMs, double workMs,
                      String exception, double timeoutMs) {
    }

    /** @param wastedMs sibling work after the failure for a result nobody used; null when nothing failed */
    record RunData(int number, String way, String description, Parameters setup, Saw caller,
                   List<Subtask> subtasks, Double wastedMs, String grade) {
    }

    /**
     * What the caller got back.
     *
     * @param saw       returned or threw
     * @param results   the results it read, when it returned (none for fire-and-forget)
     * @param exception what it threw (ExecutionException), when it threw
     * @param cause     that exception's cause, when it threw; null if it had none
     * @param causeIsTheSubtasksOwn whether the cause is the very exception the failing subtask threw
     */
    record Saw(String saw, double atMs, List<String> results, String exception, String cause, String causeMessage,
               Boolean causeIsTheSubtasksOwn) {
    }

    /**
     * @param fate      completed, failed, cancelled or not-started
     * @param thrown    what it threw, when it failed
     * @param startedMs null when it never started, as is endedMs
     */
    record Subtask(String name, double plannedMs, String fate, Double startedMs, Double endedMs, String thrown) {
    }

    @Override
    public String title() {
        return "A lost exception, and a scope that propagates it";
    }

    @Override
    public Object data(Ran<Way, Run> ran) {
        Run run = ran.result();
        Setup setup = run.setup();
        var parameters = new Parameters(setup.threads().cliName(), FailureLesson.SUBTASKS, setup.failing(),
                json(setup.failAfter()), json(setup.work()),
                setup.exception().map(FailureLesson.Failure::exceptionName).orElse(null), json(setup.timeout()));
        Saw saw = switch (run.caller()) {
            case Caller.Returned r -> new Saw("returned", json(r.at()), r.results(), null, null, null, null);
            case Caller.Threw t -> {
                Throwable cause = t.thrown().getCause();
                Throwable own = run.failure().flatMap(SubtaskRun::thrown).orElse(null);
                yield new Saw("threw", json(t.at()), List.of(), t.thrown().getClass().getSimpleName(),
                        cause == null ? null : cause.getClass().getSimpleName(),
                        cause == null ? null : cause.getMessage(), cause != null && cause == own);
            }
        };
        return new RunData(run.way().ordinal() + 1, cliName(run.way()), run.way().description(), parameters, saw,
                run.subtasks().stream().map(FailureView::subtask).toList(),
                run.failure().isPresent() ? json(run.wasted()) : null, run.grade().name());
    }

    private static Subtask subtask(SubtaskRun s) {
        boolean started = s.fate() != Fate.NOT_STARTED;
        return new Subtask(s.plan().name(), json(s.plan().work()), fate(s.fate()),
                started ? json(s.started()) : null, started ? json(s.ended()) : null,
                s.thrown().map(t -> t.getClass().getSimpleName()).orElse(null));
    }

    private static String fate(Fate fate) {
        return fate.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String cliName(Join way) {
        return way.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Object summaryData(List<Ran<Way, Run>> runs) {
        return null;
    }

    // ---- blocks, for text and HTML ----------------------------------------------------------------------------

    @Override
    public List<Block> before(Way way) {
        if (way.way().ordinal() != 0) {
            return List.of();
        }
        Setup setup = way.setup();
        String failing = FailureLesson.taskName(setup.failing());
        String what = setup.exception()
                .map(e -> failing + " throws " + e.exceptionName() + " after " + millis(setup.failAfter()))
                .orElse(failing + " returns after " + millis(setup.failAfter()) + " (--no-failure: the control)");
        return List.of(new Heading(1, "== failure: five ways to wait for three subtasks =="),
                Para.of(Tone.DIM, what + "; the others work " + millis(setup.work()) + "; ways 1 and 2 on "
                        + setup.threads().description() + "; way 5's deadline " + millis(setup.timeout())
                        + "; scopes of JDK " + Runtime.version().feature()),
                new Block.Blank(),
                new Table(COLUMNS, List.of(), true, 0, 1));
    }

    @Override
    public Narrative narrative(Way way, long startNanos) {
        return null;
    }

    @Override
    public List<Block> after(Ran<Way, Run> ran) {
        Run run = ran.result();
        String saw = switch (run.caller()) {
            case Caller.Threw t -> simpleName(t.thrown()) + (t.thrown().getCause() == null ? ""
                    : "(" + simpleName(t.thrown().getCause()) + ")");
            case Caller.Returned r when run.way() == Join.SHUTDOWN_ON_SUCCESS && !r.results().isEmpty() ->
                    r.results().getFirst() + "'s result" + run.failure().map(f -> " (failure ignored)").orElse("");
            case Caller.Returned r -> run.failure().isPresent() ? "success (the failure was lost)" : "success";
        };
        String wasted = run.failure().isPresent() ? millisNumber(run.wasted()) : "-";
        Row row = new Row(List.of(Span.plain(run.way().ordinal() + 1 + " " + run.way().description()),
                Span.plain(millisNumber(run.caller().at())), Span.plain(wasted), Span.plain(saw)),
                Tone.of(run.grade()), "siblings " + siblings(run));
        return List.of(new Table(COLUMNS, List.of(row), false, 0, 1));
    }

    @Override
    public List<Block> summary(List<Ran<Way, Run>> runs) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Blank());
        blocks.add(Para.of(Tone.DIM, "at = when the caller got control back, since the way started; siblings ="
                + " the tasks other than the failing one, and when each ended; wasted = sibling work after the"
                + " failure for a result nobody used, in ms."));
        blocks.add(new Block.Blank());
        blocks.add(new Heading(2, "What the lesson showed:"));
        for (Ran<Way, Run> ran : runs) {
            Run run = ran.result();
            blocks.add(new Para(List.of(Span.plain("  " + (run.way().ordinal() + 1) + " "),
                    new Span(String.format(Locale.ROOT, "%-11s", run.grade().name()), Tone.of(run.grade())),
                    Span.plain(" " + story(run))), 0, INDENT.length()));
        }
        blocks.add(new Gantt("Each way's subtasks on a time axis (ms since the way started), ending in their fate;"
                + " the mark is when the caller got control back", runs.stream().map(ran -> {
                    Run run = ran.result();
                    return new GanttRow(run.way().ordinal() + 1 + " " + run.way().description(),
                            run.subtasks().stream().map(s -> new Segment(s.plan().name(), json(s.started()),
                                    json(s.ended()), fate(s.fate()))).toList(),
                            json(run.caller().at()), caller(run), run.grade());
                }).toList()));
        return blocks;
    }

    /** What the caller saw, in a few words, for the picture's mark. */
    private static String caller(Run run) {
        return switch (run.caller()) {
            case Caller.Returned r -> r.results().isEmpty() ? "returned" : "returned " + r.results().getFirst()
                    + (r.results().size() > 1 ? " and more" : "");
            case Caller.Threw t -> "threw " + simpleName(t.thrown());
        };
    }

    private static String story(Run run) {
        Duration at = run.caller().at();
        String siblings = names(run.siblings());
        return run.failure().map(failure -> {
            String thrown = failure.thrown().map(FailureView::describe).orElse("an exception");
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

    private static String millis(Duration d) {
        return millisNumber(d) + " ms";
    }

    private static String millisNumber(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 10 || ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f", ms)
                : String.format(Locale.ROOT, "%.1f", ms);
    }
}

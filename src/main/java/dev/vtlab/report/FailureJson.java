package dev.vtlab.report;

import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.FailureLesson.Caller;
import dev.vtlab.lesson.FailureLesson.Fate;
import dev.vtlab.lesson.FailureLesson.Run;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.SubtaskRun;
import dev.vtlab.report.LessonJson.Machine;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import static dev.vtlab.report.LessonJson.millis;

/**
 * The failure lesson as one JSON document, for scripts: the setup, then per way what the caller saw and when, each
 * subtask's fate and times, the wasted sibling work and the grade; the machine. Times are milliseconds since the
 * way started; exceptions are named by their simple class names, as in the text report.
 */
public final class FailureJson {

    record Document(String lesson, Parameters setup, Machine machine, List<Way> ways) {
    }

    /**
     * @param exception what the failing task throws; null for the control ({@code --no-failure})
     * @param timeoutMs way 5's deadline
     */
    record Parameters(String threads, int subtasks, int failing, double failAfterMs, double workMs,
                      String exception, double timeoutMs) {
    }

    /**
     * @param wastedMs sibling work after the failure for a result nobody used; null when nothing failed
     */
    record Way(int number, String way, String description, Saw caller, List<Subtask> subtasks, Double wastedMs,
               String grade) {
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

    private FailureJson() {
    }

    public static void write(PrintWriter out, Setup setup, List<Run> runs) {
        var parameters = new Parameters(setup.threads().cliName(), FailureLesson.SUBTASKS,
                setup.failing(), millis(setup.failAfter()), millis(setup.work()),
                setup.exception().map(FailureLesson.Failure::exceptionName).orElse(null), millis(setup.timeout()));
        LessonJson.print(out, new Document("failure", parameters, Machine.current(),
                runs.stream().map(FailureJson::way).toList()));
    }

    private static Way way(Run run) {
        Saw saw = switch (run.caller()) {
            case Caller.Returned r -> new Saw("returned", millis(r.at()), r.results(), null, null, null, null);
            case Caller.Threw t -> {
                Throwable cause = t.thrown().getCause();
                Throwable own = run.failure().flatMap(SubtaskRun::thrown).orElse(null);
                yield new Saw("threw", millis(t.at()), List.of(), t.thrown().getClass().getSimpleName(),
                        cause == null ? null : cause.getClass().getSimpleName(),
                        cause == null ? null : cause.getMessage(),
                        cause != null && cause == own);
            }
        };
        return new Way(run.way().ordinal() + 1, run.way().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                run.way().description(), saw, run.subtasks().stream().map(FailureJson::subtask).toList(),
                run.failure().isPresent() ? millis(run.wasted()) : null, run.grade().name());
    }

    private static Subtask subtask(SubtaskRun s) {
        boolean started = s.fate() != Fate.NOT_STARTED;
        return new Subtask(s.plan().name(), millis(s.plan().work()),
                s.fate().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                started ? millis(s.started()) : null, started ? millis(s.ended()) : null,
                s.thrown().map(t -> t.getClass().getSimpleName()).orElse(null));
    }
}

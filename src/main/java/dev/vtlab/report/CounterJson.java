package dev.vtlab.report;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Interleavings;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.report.LessonJson.Machine;
import dev.vtlab.sync.Version;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.vtlab.report.LessonJson.millis;

/**
 * The counter lesson as one JSON document, for scripts: the parameters, each run (one per guard, in the order they
 * ran) with its ending value, the overwrites that lost updates, its grade and time; the model's endings; the
 * machine. Under {@code --sync none} every overwrite costs one increment, so {@code actual} is {@code expected}
 * less {@code increment} times the number of overwrites.
 */
public final class CounterJson {

    /** One run and how long it took, from the first task's start to the last task's end. */
    public record Run(Result result, Duration elapsed) {
    }

    /**
     * @param model null for more tasks than {@link Interleavings#MAX_TRANSACTIONS}: too many interleavings to count
     */
    record Document(String lesson, Parameters parameters, Machine machine, List<RunDoc> runs, Model model) {
    }

    /** @param sync the guards, in the order they ran: one with --sync, none then lock without it */
    record Parameters(String threads, List<String> sync, int tasks, long start, long increment, double delayMs) {
    }

    /**
     * @param outcome   consistent, or lost-updates
     * @param retries   compare-and-set failures that read again (cas only; 0 otherwise)
     */
    record RunDoc(String sync, long expected, long actual, String outcome, List<Overwritten> overwrites,
                  long retries, String grade, JoinDoc join, double elapsedMs) {
    }

    /**
     * Does the wait wait? {@code readBeforeJoin} is the value read right after starting the tasks ({@code
     * --no-join}; null without it), with {@code finishedAtRead} tasks done then; {@code finishedAtJoin} of
     * {@code tasks} were done when the wait returned. Grade: FORBIDDEN if the wait returned early, INTERESTING if
     * the early read saw a value other than the ending, EXPECTED otherwise.
     */
    record JoinDoc(Long readBeforeJoin, int finishedAtRead, int finishedAtJoin, int tasks, String grade) {
    }

    /**
     * A lost update: {@code lost} was stored, then {@code by} wrote over it having read {@code byHadRead}, an older
     * value, so it never saw {@code lost}.
     */
    record Overwritten(Write lost, Write by, long byHadRead) {
    }

    record Write(String writer, long value) {
    }

    /** Every interleaving of the tasks' unguarded reads and writes, by the value it ends at. */
    record Model(long interleavings, List<Ending> endings) {
    }

    record Ending(long value, long interleavings) {
    }

    private CounterJson() {
    }

    /**
     * @param runs  at least one, all with the same threads, tasks and delay
     * @param model the runs' model ({@code CounterLesson.model}), or empty for too many tasks
     */
    public static void write(PrintWriter out, List<Run> runs, Optional<Interleavings.Model> model) {
        Setup first = runs.getFirst().result().setup();
        var parameters = new Parameters(first.threads().cliName(),
                runs.stream().map(r -> r.result().setup().sync().cliName()).toList(), first.tasks(),
                CounterLesson.START, CounterLesson.INCREMENT, millis(first.delay()));
        List<RunDoc> docs = runs.stream().map(CounterJson::run).toList();
        LessonJson.print(out, new Document("counter", parameters, Machine.current(), docs,
                model.map(CounterJson::model).orElse(null)));
    }

    private static RunDoc run(Run run) {
        Result r = run.result();
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
        var j = r.join();
        var join = new JoinDoc(j.earlyRead().isPresent() ? j.earlyRead().getAsLong() : null, j.finishedAtRead(),
                j.finishedAtJoin(), j.tasks(), j.grade(outcome.actual()).name());
        return new RunDoc(r.setup().sync().cliName(), outcome.expected(), outcome.actual(), kind, overwrites,
                r.retries(), r.grade().name(), join, millis(run.elapsed()));
    }

    private static Write write(Version v) {
        return new Write(v.writer(), v.value());
    }

    /** The same model the text report prints under its runs. */
    private static Model model(Interleavings.Model model) {
        return new Model(model.interleavings(),
                model.endings().stream().map(e -> new Ending(e.value(), e.interleavings())).toList());
    }
}

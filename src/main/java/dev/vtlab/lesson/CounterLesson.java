package dev.vtlab.lesson;

import dev.vtlab.sync.Cell;
import dev.vtlab.sync.Guard;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.sync.Update;
import dev.vtlab.sync.Version;
import dev.vtlab.threading.Task;
import dev.vtlab.threading.TaskFailedException;
import dev.vtlab.threading.ThreadKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/*
 * counter - Lost update. A fake database holds 0. Each task reads the value into a local copy, adds 10, sleeps
 * (the slow part of the work), and writes its copy back. If both tasks read before either writes, both write 10
 * and one update disappears:
 *
 *     task 1  read 0 --- sleep 100 ms --- write 10
 *     task 2    read 0 --- sleep 100 ms --- write 10        ending value 10, expected 20
 *
 * With a guard (synchronized, a ReentrantLock) the second task reads only after the first has written:
 *
 *     task 1  read 0 --- sleep --- write 10
 *     task 2                                read 10 --- sleep --- write 20     ending value 20
 *
 * A compare-and-set loop takes no lock: task 2's write fails because the value changed under it, so it reads
 * again (10), sleeps again, and writes 20.
 *
 * Outcomes: ending value N x 10 is EXPECTED. Less is a lost update: INTERESTING under --sync none, FORBIDDEN
 * under every other --sync.
 *
 * Run it:   ./vtlab counter                       (none, then lock: the whole lesson)
 *           ./vtlab counter --sync cas --threads scope
 *
 * Sample (OpenJDK 21.0.13, 2 cores, --threads virtual --sync none):
 *     Testing update. Starting value is 0.
 *     task 1: starting update
 *     task 2: starting update
 *     task 1: finishing update
 *     task 2: finishing update
 *     Testing update. Ending value is 10.
 */
public final class CounterLesson implements Lesson<CounterLesson.Setup, CounterLesson.Result> {

    public static final long START = 0;
    public static final long INCREMENT = 10;

    /** The most tasks one run takes: enough to see batching on the platform pool, few enough to read. */
    public static final int MAX_TASKS = 10_000;

    private final List<Setup> setups;

    /** The lesson that makes these runs, in order. */
    public CounterLesson(List<Setup> setups) {
        if (setups.isEmpty()) {
            throw new IllegalArgumentException("a lesson makes at least one run");
        }
        this.setups = List.copyOf(setups);
    }

    // ---- Outcomes ------------------------------------------------------------------------------------------------

    /** What a run can end with: its grade and its words, declared here as jcstress declares its outcomes. */
    public enum Ending {
        /** Every update was kept: N x 10. */
        CORRECT(Grade.EXPECTED, "the correct result."),
        /** An update was lost, and nothing promised it would not be. */
        LOST_UPDATE(Grade.INTERESTING, "the race this lesson is about, a lost update."),
        /** An update was lost under a guard that promises none. */
        BROKEN_PROMISE(Grade.FORBIDDEN, "the guard promises no lost update, and one was lost. This is a bug in"
                + " vtlab or the JVM.");

        private final Grade grade;
        private final String words;

        Ending(Grade grade, String words) {
            this.grade = grade;
            this.words = words;
        }

        public Grade grade() {
            return grade;
        }

        public String words() {
            return words;
        }

        static Ending of(Outcome outcome, Sync sync) {
            return switch (outcome) {
                case Outcome.Consistent c -> CORRECT;
                case Outcome.LostUpdates l when sync.promisesAtomicity() -> BROKEN_PROMISE;
                case Outcome.LostUpdates l -> LOST_UPDATE;
            };
        }
    }

    // ---- The runner's contract -----------------------------------------------------------------------------------

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public List<Setup> setups() {
        return setups;
    }

    @Override
    public Result run(Setup setup, Trace story) throws InterruptedException, TaskFailedException {
        return race(setup, story);
    }

    @Override
    public Grade grade(Result result) {
        return result.worstGrade();
    }

    @Override
    public String options(Setup setup) {
        return "--threads " + setup.threads().cliName() + " --sync " + setup.sync().cliName() + " --tasks "
                + setup.tasks() + " --delay " + DurationFormat.format(setup.delay())
                + (setup.readBeforeJoin() ? " --no-join" : "");
    }

    @Override
    public String outcome(Result result) {
        return switch (result.outcome()) {
            case Outcome.Consistent c -> "consistent: ended at " + c.actual();
            case Outcome.LostUpdates l -> l.lostCount() + " lost update(s): ended at " + l.actual()
                    + ", expected " + l.expected();
        };
    }

    /**
     * One run's parameters: who runs the tasks, what guards the cell, how many tasks, how slow each update is.
     *
     * @param readBeforeJoin also read the value right after starting the tasks, before waiting for them
     *                       ({@code --no-join}): what code that forgets to wait would see
     */
    public record Setup(ThreadKind threads, Sync sync, int tasks, Duration delay, boolean readBeforeJoin) {

        public Setup(ThreadKind threads, Sync sync, int tasks, Duration delay) {
            this(threads, sync, tasks, delay, false);
        }

        public Setup {
            if (tasks < 1 || tasks > MAX_TASKS) {
                throw new IllegalArgumentException("tasks must be 1 to " + MAX_TASKS + ", got " + tasks);
            }
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, got " + delay);
            }
        }

        /** Every update applied in turn. */
        public long expected() {
            return START + INCREMENT * tasks;
        }
    }

    /**
     * What one run did.
     *
     * @param steps   every task's steps, in the order the trace received them
     * @param history every version the cell stored, in store order
     */
    public record Result(Setup setup, Outcome outcome, Grade grade, Join join, List<Step> steps,
                         List<Version> history) {
        public Result {
            steps = List.copyOf(steps);
            history = List.copyOf(history);
        }

        public long retries() {
            return steps.stream().filter(s -> s.kind() == Step.Kind.RETRY).count();
        }

        /** The ending, with its grade and words. */
        public Ending ending() {
            return Ending.of(outcome, setup.sync());
        }

        /** The worse of the ending's grade and the join's: what the run's exit code follows. */
        public Grade worstGrade() {
            Grade joined = join.grade(outcome.actual());
            return joined.compareTo(grade) > 0 ? joined : grade;
        }
    }

    /**
     * Does the {@code with} block wait for the tasks? What the caller saw of them: with {@code --no-join}, the value
     * it read right after starting them, before waiting; and how many had finished when the wait returned.
     *
     * <p>Outcomes: every task finished when {@code close()} or {@code join()} returned is EXPECTED, and anything
     * else FORBIDDEN (the with block promises to wait). A value read before the wait that is not the ending value
     * is INTERESTING: a half-done state, which is what code that forgets to wait works with. The same value as the
     * ending is EXPECTED: the tasks happened to be done already (with no delay they can be).
     *
     * @param earlyRead        the value read before the wait, if {@code --no-join} asked for it
     * @param finishedAtRead   how many tasks had finished at that read (0 without it)
     * @param finishedAtJoin   how many tasks had finished when the wait returned
     */
    public record Join(OptionalLong earlyRead, int finishedAtRead, int finishedAtJoin, int tasks) {

        public Grade grade(long ending) {
            if (finishedAtJoin != tasks) {
                return Grade.FORBIDDEN;
            }
            return earlyRead.isPresent() && earlyRead.getAsLong() != ending ? Grade.INTERESTING : Grade.EXPECTED;
        }
    }

    /** The task names, as the narrative prints them: task 1, task 2, ... */
    public static String taskName(int index) {
        return "task " + (index + 1);
    }

    /**
     * What the model predicts for {@code tasks} unguarded tasks: every interleaving of their reads and writes, by
     * ending value. Empty for more than {@link Interleavings#MAX_TRANSACTIONS} tasks, too many interleavings to
     * count; counting 6 takes about 2 s, so a caller that times the runs builds it outside them.
     */
    public static Optional<Interleavings.Model> model(int tasks) {
        if (tasks > Interleavings.MAX_TRANSACTIONS) {
            return Optional.empty();
        }
        return Optional.of(Interleavings.of(START, Transaction.named(Collections.nCopies(tasks, INCREMENT))));
    }

    /*
     * Runs the lesson: the setup's delay in each task's racy window, or (the second form) a pause per task name,
     * where tests pass barriers to force an interleaving. The lines between code:begin and code:end are what
     * --code prints, so they keep to 76 columns.
     */
    // code:begin tasks
    public static Result race(Setup setup, Trace trace)
            throws InterruptedException, TaskFailedException {
        Pause sleep = Pause.sleepAfterRead(setup.delay()); // --delay
        return race(setup, trace, task -> sleep);
    }

    public static Result race(Setup setup, Trace trace,
                             Function<String, Pause> pauses)
            throws InterruptedException, TaskFailedException {
        var recorder = new Trace.Recorder(); // every step, for the report
        Trace both = recorder.and(trace);
        Cell cell = new Cell(START);          // the fake database, holding 0
        Guard guard = setup.sync().newGuard(); // --sync: one for the cell
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < setup.tasks(); i++) {
            String name = taskName(i);
            Pause pause = pauses.apply(name); // sleep, or a test's barrier
            var update = new Update(name, INCREMENT, pause, both);
            tasks.add(new Task<>(name, () -> guard.run(update, cell).value()));
        }
        var early = new long[2];              // --no-join: {value, done}
        setup.threads().invokeAll(tasks, () -> {
            if (setup.readBeforeJoin()) {       // before the with block waits
                pauses.apply(CALLER).at(Point.BEFORE_READ); // (tests wait here)
                early[0] = cell.value();
                early[1] = finished(recorder.steps());
                both.on(Step.peek(CALLER, early[0]));
            }
        });
        // code:end tasks
        var join = new Join(setup.readBeforeJoin() ? OptionalLong.of(early[0]) : OptionalLong.empty(),
                (int) early[1], finished(recorder.steps()), setup.tasks());
        Outcome outcome = Outcome.of(setup.expected(), cell.history());
        return new Result(setup, outcome, Ending.of(outcome, setup.sync()).grade(), join, recorder.steps(),
                cell.history());
    }

    /** The name of the thread that starts the tasks and waits for them, in the story. */
    public static final String CALLER = "caller";

    private static int finished(List<Step> steps) {
        return (int) steps.stream().filter(s -> s.kind() == Step.Kind.FINISH).count();
    }
}

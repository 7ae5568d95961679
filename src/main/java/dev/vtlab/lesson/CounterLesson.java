package dev.vtlab.lesson;

import dev.vtlab.sync.Guard;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Step.Kind;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.sync.Section;
import dev.vtlab.sync.Version;
import dev.vtlab.threading.Task;
import dev.vtlab.threading.TaskFailedException;
import dev.vtlab.threading.ThreadKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
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

    /** Runs the tasks; each one's finishing step counts it in {@code progress}. */
    @Override
    public Result run(Setup setup, Trace story, Progress progress) throws InterruptedException, TaskFailedException {
        return race(setup, story.and(step -> {
            if (step.kind() == Kind.FINISH) {
                progress.advance();
            }
        }));
    }

    /**
     * About how long the tasks take: one delay each, in turn, under a guard (compare-and-set too: every round one
     * task wins and the rest sleep again); unguarded, one delay for all of them on virtual threads (plus starting
     * them) and one per round of {@value ThreadKind#PLATFORM_POOL_SIZE} on the pool of platform threads.
     */
    @Override
    public Estimate estimate(Setup setup) {
        Duration delay = setup.delay();
        int n = setup.tasks();
        String each = String.format(Locale.ROOT, "%,d tasks of %s", n, DurationFormat.readable(delay));
        if (setup.sync() != Sync.NONE) {
            return new Estimate(n, "tasks", delay.multipliedBy(n), each + ", one at a time");
        }
        if (setup.threads() == ThreadKind.PLATFORM) {
            int pool = Math.min(n, ThreadKind.PLATFORM_POOL_SIZE);
            return new Estimate(n, "tasks", Estimate.inRounds(n, pool, delay), each + ", " + pool + " at a time");
        }
        return new Estimate(n, "tasks", delay.plus(AccountLesson.START_COST.multipliedBy(n)), each + ", all at once");
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

    // ---- State and actors ----------------------------------------------------------------------------------------

    /**
     * The fake database: one stored value that tasks read and write back as separate steps, the way a service
     * fetches a row, computes, and stores it again. Every write is a blind store of a value the writer computed from
     * what it read earlier; the database only numbers the versions in store order and remembers which version each
     * writer had read, so that a lost update can be named afterwards ({@link Version#lost}). Nothing here makes
     * read-add-write atomic: that is the job of a {@link Guard}.
     *
     * <p><b>Memory visibility.</b> The current version lives in an {@link AtomicReference}: a write happens-before
     * every read that sees it. Visibility is never the bug in these lessons; the missing atomicity of read-add-write
     * is.
     *
     * <p>The history is the stored versions themselves, each linked to the one it replaced, so a store is one
     * compare-and-set and no list of its own (an account trial makes a database and stores twice, a million times in
     * a run: BENCH.md §4).
     */
    public static final class Database {

        /** A stored version and the one it replaced: the history, newest first. */
        private record Stored(Version version, Stored replaced) {
        }

        private final AtomicReference<Stored> current; // written by tasks (write, compareAndSet); read by anyone

        public Database(long initial) {
            current = new AtomicReference<>(new Stored(Version.initial(initial), null));
        }

        /** The version stored now. */
        public Version read() {
            return current.get().version();
        }

        /** The value stored now. */
        public long value() {
            return read().value();
        }

        /**
         * Stores {@code value}, whatever is stored now. The value never depends on the current version; the loop only
         * assigns the next number, so the numbers match the order in which the stores took effect.
         */
        Version write(String writer, Version read, long value) {
            Stored now;
            Stored next;
            do {
                now = current.get();
                next = new Stored(new Version(now.version().number() + 1, value, writer, read.number()), now);
            } while (!current.compareAndSet(now, next));
            return next.version();
        }

        /**
         * Stores {@code value} only if the stored version is still the very one the writer read. Comparing versions
         * rather than values rules out the ABA problem: a value that went 0 -> 10 -> 0 is a different version.
         *
         * @return the stored version, or {@code null} if another writer got there first
         */
        Version compareAndSet(String writer, Version read, long value) {
            Stored now = current.get();
            if (now.version() != read) {
                return null;
            }
            Stored next = new Stored(new Version(read.number() + 1, value, writer, read.number()), now);
            return current.compareAndSet(now, next) ? next.version() : null;
        }

        /** Every version stored so far, in store order, starting with the initial one. */
        public List<Version> history() {
            Stored last = current.get();
            var all = new Version[last.version().number() + 1]; // numbered 0, 1, 2, ... in store order
            for (Stored s = last; s != null; s = s.replaced()) {
                all[s.version().number()] = s.version();
            }
            return List.of(all);
        }
    }

    /**
     * One task's update, the notebook's {@code FakeDatabase.update}: say it starts, read the value into a local
     * copy, add {@code amount}, pause (the slow part), write the copy back, say it finishes. These steps are what
     * races; the {@link Guard} of {@code --sync} decides what may come between them. The account lesson runs the same
     * update with a transaction's amount. The lines between {@code code:begin} and {@code code:end} are what
     * {@code --code} prints.
     */
    public static final class Update implements Section {
        private final String task;
        private final long amount;
        private final Pause pause;
        private final Trace trace;
        private final Database db;

        /**
         * @param task   the task's name, as the story prints it
         * @param amount what the task adds (negative for a withdrawal)
         * @param pause  what happens at each named point; a sleep in a lesson, a barrier in a test
         * @param trace  hears every step as it happens (its {@link Trace#forTask()}, this task's own)
         * @param db     the value it updates
         */
        public Update(String task, long amount, Pause pause, Trace trace, Database db) {
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("an update needs a task name, got '" + task + "'");
            }
            this.task = task;
            this.amount = amount;
            this.pause = pause;
            this.trace = trace.forTask();
            this.db = db;
        }

        /** What a task holds between its read and its write: the version it read and its copy plus amount. */
        private record Pending(Version read, long local) {
        }

        @Override
        public String task() {
            return task;
        }

        // code:begin update
        /** The whole update, as the notebook's FakeDatabase.update writes it. */
        @Override
        public Version readAddWrite() throws InterruptedException {
            start();                                // "task 1: starting update"
            Pending p = readAndAdd();
            Version written = write(p);             // self.value = local_copy
            finish();                               // "task 1: finishing update"
            return written;
        }
        // code:end update

        // code:begin read-add
        /** Read into a local copy, add, and pause in the racy window. */
        private Pending readAndAdd() throws InterruptedException {
            pause.at(Point.BEFORE_READ);
            Version read = db.read();               // local_copy = self.value
            tell(Kind.READ, read.value());          // --verbose: "task 1:   read 0"
            long local = read.value() + amount;     // local_copy += 10
            pause.at(Point.AFTER_READ);             // time.sleep(0.1): racy window
            return new Pending(read, local);
        }
        // code:end read-add

        // code:begin write
        /** Stores the local copy, whatever the database holds now. */
        private Version write(Pending p) throws InterruptedException {
            return wrote(db.write(task, p.read(), p.local()));
        }
        // code:end write

        // code:begin compare-and-set
        /** Read, add, pause; store only if nobody wrote since the read. */
        @Override
        public Version readAddCompareAndSet() throws InterruptedException {
            Pending p = readAndAdd();
            Version written = db.compareAndSet(task, p.read(), p.local());
            if (written == null) {                  // another task wrote first
                tell(Kind.RETRY, db.value());      // "...reading again"
                return null;
            }
            return wrote(written);
        }
        // code:end compare-and-set

        // code:begin wrote
        private Version wrote(Version written) throws InterruptedException {
            tell(Kind.WRITE, written.value());
            pause.at(Point.AFTER_WRITE);            // tests may wait here
            return written;
        }
        // code:end wrote

        // code:begin arrive
        /** The task arrives at its update, before any guard. */
        @Override
        public void arrive() throws InterruptedException {
            tell(Kind.ARRIVE, 0);
            pause.at(Point.ARRIVE);                 // the account's jitter
        }
        // code:end arrive

        @Override
        public void waitsIfHeld(String holder) {
            if (holder != null && !holder.equals(task) && trace.hears(Kind.WAIT)) {
                trace.on(new Step(task, Kind.WAIT, 0, System.nanoTime(), holder));
            }
        }

        @Override
        public void start() {
            tell(Kind.START, 0);
        }

        @Override
        public void finish() {
            tell(Kind.FINISH, 0);
        }

        /** The step, with the time now, if the trace hears its kind ({@link Trace#hears}); else nothing at all. */
        private void tell(Kind kind, long value) {
            if (trace.hears(kind)) {
                trace.on(new Step(task, kind, value, System.nanoTime()));
            }
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
        Database db = new Database(START);    // the fake database, holding 0
        Guard guard = setup.sync().newGuard(); // --sync: one for the cell
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < setup.tasks(); i++) {
            String name = taskName(i);
            Pause pause = pauses.apply(name); // sleep, or a test's barrier
            var update = new Update(name, INCREMENT, pause, both, db);
            tasks.add(new Task<>(name, () -> guard.run(update).value()));
        }
        var early = new long[2];              // --no-join: {value, done}
        setup.threads().invokeAll(tasks, () -> {
            if (setup.readBeforeJoin()) {       // before the with block waits
                pauses.apply(CALLER).at(Point.BEFORE_READ); // (tests wait here)
                early[0] = db.value();
                early[1] = finished(recorder.steps());
                both.on(Step.peek(CALLER, early[0]));
            }
        });
        // code:end tasks
        List<Step> steps = recorder.steps();
        List<Version> history = db.history();
        var join = new Join(setup.readBeforeJoin() ? OptionalLong.of(early[0]) : OptionalLong.empty(),
                (int) early[1], finished(steps), setup.tasks());
        Outcome outcome = Outcome.of(setup.expected(), history);
        return new Result(setup, outcome, Ending.of(outcome, setup.sync()).grade(), join, steps, history);
    }

    /** The name of the thread that starts the tasks and waits for them, in the story. */
    public static final String CALLER = "caller";

    private static int finished(List<Step> steps) {
        int finished = 0;
        for (Step step : steps) {
            finished += step.kind() == Step.Kind.FINISH ? 1 : 0;
        }
        return finished;
    }
}

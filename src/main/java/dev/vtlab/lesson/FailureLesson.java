package dev.vtlab.lesson;

import dev.vtlab.threading.Join;
import dev.vtlab.threading.Task;
import dev.vtlab.threading.ThreadKind;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/*
 * failure - A lost exception. Three subtasks: task 3 throws after 50 ms; tasks 1 and 2 would work for 1 s. The
 * caller runs them five ways:
 *
 *   1. submit, never get()     the exception sits in a Future nobody reads; the caller reports success
 *        task 1  |------------------------------------------| 1000 ms
 *        task 2  |------------------------------------------| 1000 ms
 *        task 3  |--X 50 ms  (stored in its Future, never read)
 *        caller                                               returns normally: "success"
 *
 *   2. Future.get() in order   get(task 1) blocks for 1 s; only get(task 3) throws; nobody cancels tasks 1 and 2
 *        task 3  |--X 50 ms
 *        caller  get(1) ............. get(2) get(3) -> ExecutionException(cause: the task's exception) at 1000 ms
 *        (even with the failing task first, the executor's close() waits for the others before the throw escapes)
 *
 *   3. ShutdownOnFailure       the failure shuts the scope down: join() returns and the siblings are interrupted
 *      (JDK 25: open())
 *        task 1  |--! interrupted at 50 ms
 *        task 2  |--! interrupted at 50 ms
 *        task 3  |--X 50 ms
 *        caller  join() returns at 50 ms; throwIfFailed() -> ExecutionException(cause: the very same exception)
 *                JDK 25: join() throws StructuredTaskScope.FailedException(cause: the very same exception)
 *
 *   4. ShutdownOnSuccess       a race between replicas: the first success wins and cancels the rest; a failure
 *      (JDK 25: open(Joiner   does not end the race (here the siblings answer at 500 ms and 1 s)
 *       .anySuccessfulResultOrThrow()))
 *        task 3  |--X 50 ms   (ignored)
 *        task 1  |--------------------| 500 ms: wins
 *        task 2  |--------------------! interrupted at 500 ms
 *
 *   5. a deadline              way 3's scope, given less time (--timeout, default half of --fail-after) than the
 *      (21: joinUntil(Instant); failure needs: the deadline passes first, the caller gets a TimeoutException and
 *       25: withTimeout(Duration)) every subtask still running is interrupted, the one that would have failed too
 *        task 1  |-! interrupted at 25 ms
 *        task 2  |-! interrupted at 25 ms
 *        task 3  |-! interrupted at 25 ms (it would have thrown at 50 ms)
 *        caller  TimeoutException at 25 ms (JDK 21: java.util.concurrent's, checked; JDK 25: the scope's, unchecked)
 *
 * Outcomes (graded per way; --no-failure, the control, is EXPECTED everywhere):
 *   1: the caller returns normally although a subtask failed    INTERESTING (the failure is lost)
 *   2: the caller throws the failure, late; the siblings ran on  INTERESTING (seen, but late and wasteful)
 *   3: the caller throws the very exception as cause, at once    EXPECTED
 *   4: the caller returns the first success; a failure ignored   EXPECTED
 *   5: the caller gets a TimeoutException at the deadline, or     EXPECTED
 *      (a deadline after the failure) the failure as in way 3
 *   Anything else (way 2, 3 or 5 returning normally despite a failure, any way throwing an exception whose cause is
 *   not the subtask's own) is FORBIDDEN: an API broke its promise, or vtlab has a bug.
 *
 * Run it:   ./vtlab failure
 *           ./vtlab --jdk 25 failure                                        (ways 3 to 5 with JDK 25's scopes)
 *           ./vtlab failure --code                                          (ways 3 to 5 on 21 and 25, as code)
 *           ./vtlab failure --threads platform --fail 1 --exception io
 *           ./vtlab failure --no-failure                                    (the control: nothing fails)
 *
 * Sample (OpenJDK 21.0.13, 2 cores, ./vtlab failure; exit code 0; on JDK 25 way 3 is "3 open()" and the caller
 * saw FailedException(IllegalStateException), way 4 "anySuccessfulResult", way 5 "open() withTimeout"):
 *   way                     at ms wasted the caller saw, then the siblings
 *   1 submit, never get()    1003   1899 success (the failure was lost)
 *                                        siblings ran to the end: 1003, 1002 ms
 *   2 Future.get() in order  1002   1901 ExecutionException(IllegalStateException)
 *                                        siblings ran to the end: 1002, 1002 ms
 *   3 ShutdownOnFailure        52    1.1 ExecutionException(IllegalStateException)
 *                                        siblings cancelled: 52, 52 ms
 *   4 ShutdownOnSuccess       501    450 task 1's result (failure ignored)
 *                                        siblings #1: won 501, #2: cancelled 501 ms
 *   5 joinUntil(deadline)      27      - TimeoutException
 *                                        siblings cancelled: 26, 27 ms
 *   ...
 *     3 EXPECTED    join() returned and throwIfFailed() threw at 52 ms; its cause is
 *                   the very exception task 3 threw. Task 1 and task 2 were
 *                   interrupted and saw it (InterruptedException) at 52, 52 ms.
 *     5 EXPECTED    the deadline (25 ms) passed first: the caller got
 *                   TimeoutException at 27 ms, and the scope interrupted every
 *                   subtask still running, the one that was to fail too. ...
 */
public final class FailureLesson implements Lesson<FailureLesson.Way, FailureLesson.Run> {

    /** How many subtasks every run starts. */
    public static final int SUBTASKS = 3;

    private final Setup setup;
    private final SubtaskObserver observer;

    /**
     * The lesson that runs the five ways with this setup.
     *
     * @param observer told of every subtask on its own thread (the recording's subtask events)
     */
    public FailureLesson(Setup setup, SubtaskObserver observer) {
        this.setup = setup;
        this.observer = observer;
    }

    /** One run of the lesson: one way, with the lesson's setup. */
    public record Way(Join way, Setup setup) {
    }

    // ---- The runner's contract -----------------------------------------------------------------------------------

    @Override
    public String name() {
        return "failure";
    }

    @Override
    public List<Way> setups() {
        return java.util.Arrays.stream(Join.values()).map(j -> new Way(j, setup)).toList();
    }

    /** Runs every way once, untimed: see {@link #warmUp}. */
    @Override
    public void prepare() throws InterruptedException {
        warmUp(setup, observer);
    }

    @Override
    public Run run(Way way, dev.vtlab.sync.Trace story, Progress progress) throws InterruptedException {
        return run(way.way(), way.way().description(), way.setup(), Work.sleep(), observer, progress);
    }

    /**
     * When the caller gets control back, about: ways 1 and 2 close their executor, which waits for the slowest
     * subtask; the scope that wants all returns at the failure (at the slowest without one); the scope that wants
     * any at the fastest sibling that does not fail; the deadline's scope at the deadline or the failure, whichever
     * comes first.
     */
    @Override
    public Estimate estimate(Way way) {
        List<Plan> plans = way.setup().plans(way.way());
        Duration slowest = plans.stream().map(Plan::work).max(Duration::compareTo).orElseThrow();
        Duration time = switch (way.way()) {
            case FIRE_AND_FORGET, GET_IN_ORDER -> slowest;
            case SHUTDOWN_ON_FAILURE -> plans.stream().filter(Plan::fails).map(Plan::work).findFirst()
                    .orElse(slowest);
            case SHUTDOWN_ON_SUCCESS -> plans.stream().filter(p -> !p.fails()).map(Plan::work)
                    .min(Duration::compareTo).orElse(slowest);
            case DEADLINE -> Stream.concat(Stream.of(slowest, way.setup().timeout()),
                    plans.stream().filter(Plan::fails).map(Plan::work)).min(Duration::compareTo).orElseThrow();
        };
        return new Estimate(SUBTASKS, "subtasks", time, SUBTASKS + " subtasks of up to "
                + DurationFormat.readable(slowest) + ", " + way.way().description());
    }

    @Override
    public Grade grade(Run run) {
        return run.grade();
    }

    @Override
    public String options(Way way) {
        Setup s = way.setup();
        return "way " + way.way().description() + ": --threads " + s.threads().cliName() + " --fail " + s.failing()
                + " --fail-after " + DurationFormat.format(s.failAfter()) + " --work "
                + DurationFormat.format(s.work())
                + s.exception().map(f -> " --exception " + f.cliName()).orElse(" --no-failure")
                + " --timeout " + DurationFormat.format(s.timeout());
    }

    @Override
    public String outcome(Run run) {
        return switch (run.caller()) {
            case Caller.Returned r -> "returned at " + r.at().toMillis() + " ms";
            case Caller.Threw t -> "threw " + t.thrown().getCause() + " at " + t.at().toMillis() + " ms";
        };
    }

    // ---- Setup ---------------------------------------------------------------------------------------------------

    /** The exception the failing subtask throws ({@code --exception}). */
    public enum Failure {
        ILLEGAL_STATE("illegal-state", IllegalStateException.class, IllegalStateException::new),
        IO("io", IOException.class, IOException::new),
        TIMEOUT("timeout", TimeoutException.class, TimeoutException::new);

        private final String cliName;
        private final Class<? extends Exception> type;
        private final Function<String, Exception> factory;

        Failure(String cliName, Class<? extends Exception> type, Function<String, Exception> factory) {
            this.cliName = cliName;
            this.type = type;
            this.factory = factory;
        }

        /** A new exception of this kind; each failure throws its own instance, so "the very exception" is testable. */
        public Exception create(String message) {
            return factory.apply(message);
        }

        public String cliName() {
            return cliName;
        }

        /** The exception's simple class name, such as IllegalStateException. */
        public String exceptionName() {
            return type.getSimpleName();
        }
    }

    /**
     * One run's parameters.
     *
     * @param threads   what runs the subtasks of ways 1 and 2: platform or virtual (a scope always forks virtual)
     * @param failing   which subtask fails, 1 to {@link #SUBTASKS}
     * @param failAfter how long the failing subtask works before it throws
     * @param work      how long each of the other subtasks works
     * @param exception what the failing subtask throws; empty for the control run, where it returns instead
     * @param timeout   the deadline of way 5 ({@link Join#DEADLINE}), from its start
     */
    public record Setup(ThreadKind threads, int failing, Duration failAfter, Duration work,
                        Optional<Failure> exception, Duration timeout) {

        /** With the default deadline: {@link #defaultTimeout}, so that it passes before the failure. */
        public Setup(ThreadKind threads, int failing, Duration failAfter, Duration work,
                     Optional<Failure> exception) {
            this(threads, failing, failAfter, work, exception, defaultTimeout(failAfter, work, exception.isPresent()));
        }

        public Setup {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            if (!threads.isExecutor()) {
                throw new IllegalArgumentException("threads must be platform or virtual, got " + threads);
            }
            if (failing < 1 || failing > SUBTASKS) {
                throw new IllegalArgumentException("failing must be 1 to " + SUBTASKS + ", got " + failing);
            }
            if (failAfter.isNegative() || failAfter.compareTo(work) >= 0) {
                throw new IllegalArgumentException("failAfter must be from 0 to less than work (" + work + "), got "
                        + failAfter);
            }
        }

        public boolean fails() {
            return exception.isPresent();
        }

        /**
         * Way 5's deadline unless one is given: half of {@code failAfter} (at least 1 ms), so that it passes before
         * the failure; for the control, which is about nothing going wrong, twice the work, so that it never passes.
         */
        public static Duration defaultTimeout(Duration failAfter, Duration work, boolean fails) {
            if (!fails) {
                return work.multipliedBy(2);
            }
            Duration half = failAfter.dividedBy(2);
            return half.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : half;
        }

        /**
         * The three subtasks as a way runs them. For {@code ShutdownOnSuccess} the siblings are replicas that answer
         * at different speeds (the first at half the work), so the race has a winner to see rather than a tie.
         */
        public List<Plan> plans(Join way) {
            List<Plan> plans = new ArrayList<>(SUBTASKS);
            int sibling = 0;
            for (int number = 1; number <= SUBTASKS; number++) {
                if (number == failing) {
                    plans.add(new Plan(taskName(number), failAfter, fails()));
                } else {
                    boolean faster = way == Join.SHUTDOWN_ON_SUCCESS && sibling++ == 0;
                    plans.add(new Plan(taskName(number), faster ? work.dividedBy(2) : work, false));
                }
            }
            return plans;
        }
    }

    /** What one subtask will do: work for {@code work}, then return its name, or throw if it {@code fails}. */
    public record Plan(String name, Duration work, boolean fails) {
    }

    /** The subtask names, as the report prints them: task 1, task 2, task 3. */
    public static String taskName(int number) {
        return "task " + number;
    }

    /**
     * A subtask's work: a sleep in the lesson; a latch in tests, so an order is forced rather than hoped for.
     * It must let {@link InterruptedException} out: that is how a scope's cancellation stops a subtask.
     */
    @FunctionalInterface
    public interface Work {
        void perform(Plan plan) throws InterruptedException;

        /** The lesson's work: sleep the planned time, as a slow remote call would. */
        static Work sleep() {
            return plan -> Thread.sleep(plan.work());
        }
    }

    // ---- Outcomes ------------------------------------------------------------------------------------------------

    /** How a subtask ended. */
    public enum Fate {
        /** It worked to the end and returned its result. */
        COMPLETED,
        /** It threw (the planned failure). */
        FAILED,
        /** It saw the interrupt of a cancellation and stopped working. */
        CANCELLED,
        /** It was cancelled before its thread ran it. */
        NOT_STARTED
    }

    /**
     * What one subtask did; times are since the way's start, and both zero when it never started.
     *
     * @param thrown the exception it threw, when {@code FAILED}
     */
    public record SubtaskRun(Plan plan, Fate fate, Duration started, Duration ended, Optional<Throwable> thrown) {
    }

    /** What the caller saw. */
    public sealed interface Caller {
        /** When the way returned or threw, since its start. */
        Duration at();

        /** The way returned normally with the results the caller read (none for fire-and-forget). */
        record Returned(Duration at, List<String> results) implements Caller {
            public Returned {
                results = List.copyOf(results);
            }
        }

        /**
         * The way threw: an {@link ExecutionException} (executors, JDK 21's scopes) or JDK 25's
         * {@code StructuredTaskScope.FailedException}, whose cause should be the subtask's own exception; or a
         * scope's timeout ({@link Join#isTimeout}), which has none.
         */
        record Threw(Duration at, Exception thrown) implements Caller {
        }
    }

    /** One way's run: what the caller saw, what each subtask did, and the grade. */
    public record Run(Join way, Setup setup, Caller caller, List<SubtaskRun> subtasks, Grade grade) {
        public Run {
            subtasks = List.copyOf(subtasks);
        }

        /** The subtask that failed, if one did. */
        public Optional<SubtaskRun> failure() {
            return subtasks.stream().filter(s -> s.fate() == Fate.FAILED).findFirst();
        }

        /** The subtasks other than the one chosen to fail. */
        public List<SubtaskRun> siblings() {
            String failing = taskName(setup.failing());
            return subtasks.stream().filter(s -> !s.plan().name().equals(failing)).toList();
        }

        /**
         * Sibling work done after the failure for a result nobody used: the caller threw, or (fire-and-forget) never
         * read it, or (a race) another replica won. Zero when nothing failed.
         */
        public Duration wasted() {
            Optional<SubtaskRun> failure = failure();
            if (failure.isEmpty()) {
                return Duration.ZERO;
            }
            List<String> used = caller instanceof Caller.Returned r ? r.results() : List.of();
            Duration wasted = Duration.ZERO;
            for (SubtaskRun s : siblings()) {
                Duration after = s.ended().minus(failure.get().ended());
                if (s.fate() != Fate.NOT_STARTED && !used.contains(s.plan().name()) && after.isPositive()) {
                    wasted = wasted.plus(after);
                }
            }
            return wasted;
        }
    }

    /** Grades what the caller saw (see the table in the claim). */
    static Grade grade(Join way, Caller caller, Optional<Throwable> failure) {
        return switch (caller) {
            case Caller.Returned r when failure.isEmpty() -> Grade.EXPECTED;
            case Caller.Returned r -> switch (way) {
                case FIRE_AND_FORGET -> Grade.INTERESTING;
                case SHUTDOWN_ON_SUCCESS -> Grade.EXPECTED;
                case GET_IN_ORDER, SHUTDOWN_ON_FAILURE, DEADLINE -> Grade.FORBIDDEN;
            };
            case Caller.Threw t when failure.isPresent() && t.thrown().getCause() == failure.get() -> switch (way) {
                case GET_IN_ORDER -> Grade.INTERESTING;
                case SHUTDOWN_ON_FAILURE, DEADLINE -> Grade.EXPECTED;
                // fire-and-forget reads nothing; ShutdownOnSuccess throws only when no replica succeeded
                case FIRE_AND_FORGET, SHUTDOWN_ON_SUCCESS -> Grade.FORBIDDEN;
            };
            // the deadline passed first: every subtask was cancelled, the one that was to fail too (or, with a
            // deadline as short as the failing task's time, the two came together and the deadline won)
            case Caller.Threw t when way == Join.DEADLINE && Join.isTimeout(t.thrown()) -> Grade.EXPECTED;
            case Caller.Threw t -> Grade.FORBIDDEN;
        };
    }

    // ---- State and actors ----------------------------------------------------------------------------------------

    /** What happened to a subtask, as it happened. */
    private record Moment(String task, Fate fate, long nanos, Throwable thrown) {
        /** The start is not a fate; {@code null} marks it. */
        boolean isStart() {
            return fate == null;
        }
    }

    /**
     * A subtask: works, then returns its name or throws the planned exception. Every moment goes to {@code log} and
     * to the observer; an interrupt during the work is a cancellation, recorded and then propagated.
     */
    private static Callable<String> actor(String way, Plan plan, Setup setup, Work work, SubtaskObserver observer,
                                          Queue<Moment> log, Progress progress) {
        return new Task<>(plan.name(), () -> {
            var events = observer.started(way, plan.name(), plan.work());
            log.add(new Moment(plan.name(), null, System.nanoTime(), null));
            try {
                work.perform(plan);
            } catch (InterruptedException e) {
                log.add(new Moment(plan.name(), Fate.CANCELLED, System.nanoTime(), null));
                events.cancelled();
                progress.advance();
                throw e;
            }
            progress.advance();
            if (plan.fails()) {
                Exception failure = setup.exception().orElseThrow().create(plan.name() + " failed on purpose after "
                        + plan.work().toMillis() + " ms");
                log.add(new Moment(plan.name(), Fate.FAILED, System.nanoTime(), failure));
                events.failed(failure);
                throw failure;
            }
            log.add(new Moment(plan.name(), Fate.COMPLETED, System.nanoTime(), null));
            events.ended();
            return plan.name();
        });
    }

    // ---- The runner ----------------------------------------------------------------------------------------------

    /**
     * Runs every way once with no work and discards the runs. A JVM's first subtask pays for loading Flight
     * Recorder's event machinery (about 100 ms here, even with no recording) and the classes of threads, scopes and
     * exceptions (190 ms in all on a 2-core machine); without this, way 1's row would carry that cost.
     */
    public static void warmUp(Setup setup, SubtaskObserver observer) throws InterruptedException {
        for (Join way : Join.values()) {
            run(way, "warm-up " + way.description(), setup, plan -> { }, observer, new Progress());
        }
    }

    /**
     * Runs the three subtasks one way. Returns when the way has returned or thrown, which is after every subtask's
     * thread has finished (each way closes its executor or scope).
     *
     * <p>Memory visibility: the subtasks add to a {@link ConcurrentLinkedQueue} (an add happens-before a later read
     * of the element), and the runner reads it only after the way closed its executor or scope, which waits for
     * every subtask's thread to finish.
     */
    public static Run run(Join way, Setup setup, Work work) throws InterruptedException {
        return run(way, setup, work, SubtaskObserver.NONE);
    }

    /** As {@link #run(Join, Setup, Work)}, telling {@code observer} of every subtask on its own thread. */
    public static Run run(Join way, Setup setup, Work work, SubtaskObserver observer) throws InterruptedException {
        return run(way, way.description(), setup, work, observer, new Progress());
    }

    /**
     * @param label    the way's name in the Flight Recorder events
     * @param progress counts each subtask as it ends, however it ends
     * @throws InterruptedException if the caller was stopped (Ctrl-C): the subtasks were cancelled, so what the way
     *                              returned, if it returned, says nothing about the lesson
     */
    private static Run run(Join way, String label, Setup setup, Work work, SubtaskObserver observer,
                           Progress progress) throws InterruptedException {
        List<Plan> plans = setup.plans(way);
        Queue<Moment> log = new ConcurrentLinkedQueue<>();
        List<Callable<String>> actors = plans.stream()
                .map(p -> actor(label, p, setup, work, observer, log, progress)).toList();
        long start = System.nanoTime();
        Caller caller;
        try {
            List<String> results = way.run(setup.threads(), setup.timeout(), actors);
            caller = new Caller.Returned(since(start), results);
        } catch (ExecutionException | TimeoutException e) {
            caller = new Caller.Threw(since(start), e);
        } catch (RuntimeException e) {
            if (!Join.reportsOutcome(e)) {
                throw e; // a bug, not what the API says about the subtasks
            }
            caller = new Caller.Threw(since(start), e); // JDK 25: FailedException, or the scope's TimeoutException
        }
        // An executor's close() that is interrupted cancels the tasks, waits, and returns with the interrupt set:
        // fire-and-forget then "returns normally" from subtasks that never finished.
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped while " + way.description() + " ran");
        }
        List<SubtaskRun> subtasks = plans.stream().map(p -> subtaskRun(p, log, start)).toList();
        Optional<Throwable> failure = subtasks.stream().flatMap(s -> s.thrown().stream()).findFirst();
        return new Run(way, setup, caller, subtasks, grade(way, caller, failure));
    }

    private static SubtaskRun subtaskRun(Plan plan, Queue<Moment> log, long start) {
        Duration started = Duration.ZERO;
        for (Moment m : log) {
            if (!m.task().equals(plan.name())) {
                continue;
            }
            Duration at = Duration.ofNanos(m.nanos() - start);
            if (m.isStart()) {
                started = at;
            } else {
                return new SubtaskRun(plan, m.fate(), started, at, Optional.ofNullable(m.thrown()));
            }
        }
        return new SubtaskRun(plan, Fate.NOT_STARTED, Duration.ZERO, Duration.ZERO, Optional.empty());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

package dev.vtlab.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * How a caller starts a batch of subtasks and learns how they went: the five ways of the failure lesson, from
 * "never asks" to "a scope that propagates the failure and cancels the rest", and a scope with a deadline.
 *
 * <p>No way leaves a thread behind: the executor or scope is closed, and so awaited, before {@link #run} returns or
 * throws. That is why even the fire-and-forget caller returns only when the slowest subtask is done: closing an
 * executor waits for its tasks, it does not read their results.
 */
public enum Join {

    /** {@code submit} every task and never call {@code get()}: a task's exception stays in a Future nobody reads. */
    FIRE_AND_FORGET("submit, never get()") {
        @Override
        public <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks) {
            // code:begin fire-and-forget
            try (ExecutorService executor = kind.newExecutor(tasks.size())) {
                for (Callable<T> task : tasks) {
                    executor.submit(task); // the Future, and its exception, dropped
                }
            }   // close(): waits for every task, reads no result
            return List.of();
            // code:end fire-and-forget
        }
    },

    /**
     * {@code submit} every task, then {@code get()} each Future in submission order. A failure surfaces only when its
     * Future's turn comes, and nothing cancels the other tasks: {@code close()} waits for them to run to the end.
     */
    GET_IN_ORDER("Future.get() in order") {
        @Override
        public <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            // code:begin get-in-order
            try (ExecutorService executor = kind.newExecutor(tasks.size())) {
                List<Future<T>> futures = new ArrayList<>(tasks.size());
                for (Callable<T> task : tasks) {
                    futures.add(executor.submit(task));
                }
                List<T> results = new ArrayList<>(tasks.size());
                for (Future<T> future : futures) {
                    results.add(future.get()); // waits here even if a later one failed
                }
                return results;
            }   // close(): an ExecutionException leaves only after every task ends
            // code:end get-in-order
        }
    },

    /**
     * A scope that wants every result: the first failure cancels the siblings, and the caller gets it as the cause.
     * JDK 21: {@code ShutdownOnFailure}, then {@code throwIfFailed()} throws {@link ExecutionException}. JDK 25:
     * {@code open()}, whose {@code join()} throws {@code StructuredTaskScope.FailedException}.
     */
    SHUTDOWN_ON_FAILURE(null) {
        @Override
        public <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            ScopeCode.require();
            return StructuredRunner.allOrFirstFailure(tasks);
        }
    },

    /**
     * A scope that wants any result: the first success cancels the others; a failure does not. JDK 21:
     * {@code ShutdownOnSuccess}; JDK 25: {@code open(Joiner.anySuccessfulResultOrThrow())}.
     */
    SHUTDOWN_ON_SUCCESS(null) {
        @Override
        public <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            ScopeCode.require();
            return List.of(StructuredRunner.firstSuccess(tasks));
        }
    },

    /**
     * The scope of {@link #SHUTDOWN_ON_FAILURE} with a deadline: when it passes before the subtasks are done the
     * caller gets a timeout and the subtasks still running are interrupted. JDK 21: {@code joinUntil(Instant)}
     * throws the checked {@link TimeoutException}; JDK 25: {@code withTimeout(Duration)} in the scope's
     * configuration, and {@code join()} throws the unchecked {@code StructuredTaskScope.TimeoutException}.
     */
    DEADLINE(null) {
        @Override
        public <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException, TimeoutException {
            ScopeCode.require();
            return StructuredRunner.allWithin(tasks, timeout);
        }
    };

    private final String description;

    Join(String description) {
        this.description = description;
    }

    /**
     * Runs the tasks this way and returns the results the caller read: none for fire-and-forget, all of them in task
     * order for {@code get()} and the scopes that want all, the winner's alone for the scope that wants any.
     *
     * <p>A failure reaches the caller as the way's API delivers it, so the lesson can show what each API does: an
     * {@link ExecutionException} from {@code Future.get()} and JDK 21's scopes, an unchecked
     * {@code StructuredTaskScope.FailedException} from JDK 25's (see {@link #reportsOutcome}); in each the cause is
     * the task's own exception.
     *
     * @param kind    what runs the tasks of an executor way, one whose {@link ThreadKind#isExecutor()} is true;
     *                the scope ways ignore it, since a scope always forks virtual threads
     * @param timeout the deadline of {@link #DEADLINE}, from the start; the other ways ignore it
     * @throws ExecutionException   when the way surfaces a task's failure; the cause is the task's own exception
     * @throws TimeoutException     when JDK 21's deadline passed ({@link #DEADLINE})
     * @throws InterruptedException if the caller was interrupted while it waited
     */
    public abstract <T> List<T> run(ThreadKind kind, Duration timeout, List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException, TimeoutException;

    /** The way's name, as the API of this JDK calls it for the scope ways ({@code ShutdownOnFailure}, {@code open()}). */
    public String description() {
        if (description != null) {
            return description;
        }
        ScopeCode.require();
        return StructuredRunner.name(this);
    }

    /** True if this way runs its subtasks in a {@code StructuredTaskScope}. */
    public boolean isScope() {
        return description == null;
    }

    /**
     * True if {@code e}, thrown by {@link #run}, is how the way's API reports the subtasks' outcome rather than a
     * bug: JDK 25's scopes throw unchecked exceptions ({@code FailedException}, its {@code TimeoutException}).
     */
    public static boolean reportsOutcome(RuntimeException e) {
        ScopeCode.require();
        return StructuredRunner.reportsOutcome(e);
    }

    /** True if {@code e}, thrown by {@link #run}, says a scope's deadline passed (JDK 21's or JDK 25's exception). */
    public static boolean isTimeout(Exception e) {
        ScopeCode.require();
        return StructuredRunner.isTimeout(e);
    }
}

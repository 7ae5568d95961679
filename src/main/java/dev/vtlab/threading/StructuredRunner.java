package dev.vtlab.threading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.TimeoutException;

/**
 * Every call to JDK 21's preview {@link StructuredTaskScope} API lives here. JDK 25 replaced that API (JEP 505:
 * {@code StructuredTaskScope.open(Joiner)}), and a preview class file runs only on the release it was compiled for,
 * so the lab has a second version of this class, with the same methods, in {@code src/main/java25}: vtlab.jar is a
 * multi-release jar, JDK 21 loads this one and JDK 25 the other ({@code META-INF/versions/25}). No other class
 * touches the preview API, so every other class is plain release-21 bytecode that both JDKs run.
 *
 * <p>Every method closes its scope before it returns or throws, and {@code close()} waits for every forked
 * thread, so no subtask outlives the call.
 */
final class StructuredRunner {

    private StructuredRunner() {
    }

    /** The release whose API this class calls: the JVM loaded this version of it. */
    static int release() {
        return 21;
    }

    /** What the failure lesson calls its scope ways on this release. */
    static String name(Join way) {
        return switch (way) {
            case SHUTDOWN_ON_FAILURE -> "ShutdownOnFailure";
            case SHUTDOWN_ON_SUCCESS -> "ShutdownOnSuccess";
            case DEADLINE -> "joinUntil(deadline)";
            case FIRE_AND_FORGET, GET_IN_ORDER -> way.name(); // not scopes: Join names them itself
        };
    }

    /** True for the exception a scope's deadline throws: JDK 21's {@code joinUntil} throws a checked one. */
    static boolean isTimeout(Exception e) {
        return e instanceof TimeoutException;
    }

    /** True for an unchecked exception of this API that reports the subtasks' outcome: JDK 21's has none. */
    static boolean reportsOutcome(RuntimeException e) {
        return false;
    }

    /**
     * Forks one subtask per task in a {@code ShutdownOnFailure} scope and joins them, wrapping a failure in the lab's
     * own {@link TaskFailedException}.
     */
    static <T> List<T> invokeAll(List<? extends Callable<T>> tasks, ThreadKind.BeforeJoin beforeJoin)
            throws InterruptedException, TaskFailedException {
        // code:begin scope
        try (var scope = new StructuredTaskScope.ShutdownOnFailure()) {
            List<Subtask<T>> subtasks = new ArrayList<>();
            for (Callable<T> task : tasks) {
                subtasks.add(scope.fork(task)); // each on a new virtual thread
            }
            beforeJoin.run();                   // (--no-join reads here)
            scope.join();                       // all done, or the first failure
            scope.throwIfFailed(TaskFailedException::new); // that failure, as cause
            return subtasks.stream().map(Subtask::get).toList();
        }   // close(): no subtask outlives the block
        // code:end scope
    }

    /**
     * Forks one subtask per task in a {@code ShutdownOnFailure} scope. The first failure shuts the scope down, which
     * interrupts the subtasks still running and makes {@code join()} return at once; {@code throwIfFailed()} then
     * throws an {@link ExecutionException} whose cause is the very exception the subtask threw.
     *
     * @return every result, in the order of {@code tasks}, if all succeeded
     */
    static <T> List<T> allOrFirstFailure(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        // code:begin all
        try (var scope = new StructuredTaskScope.ShutdownOnFailure()) {
            List<Subtask<T>> subtasks = new ArrayList<>();
            for (Callable<T> task : tasks) {
                subtasks.add(scope.fork(task));
            }
            scope.join();          // returns at the first failure
            scope.throwIfFailed(); // ExecutionException, cause: the task's
            return subtasks.stream().map(Subtask::get).toList();
        }   // close(): the siblings were interrupted; waits for them
        // code:end all
    }

    /**
     * Forks one subtask per task in a {@code ShutdownOnSuccess} scope: the first subtask to succeed shuts the scope
     * down, which interrupts the others. A failure does not: the scope waits for a success and throws only when
     * every subtask failed, with the first failure as the cause.
     *
     * @return the first result to arrive
     */
    static <T> T firstSuccess(List<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        // code:begin any
        try (var scope = new StructuredTaskScope.ShutdownOnSuccess<T>()) {
            for (Callable<T> task : tasks) {
                scope.fork(task);
            }
            scope.join();          // returns at the first success
            return scope.result(); // ExecutionException if every task failed
        }   // close(): the others were interrupted; waits for them
        // code:end any
    }

    /**
     * {@link #allOrFirstFailure} with a deadline: {@code joinUntil} throws {@link TimeoutException} when it passes
     * first, and closing the scope shuts it down, which interrupts the subtasks still running.
     */
    static <T> List<T> allWithin(List<? extends Callable<T>> tasks, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        // code:begin deadline
        try (var scope = new StructuredTaskScope.ShutdownOnFailure()) {
            List<Subtask<T>> subtasks = new ArrayList<>();
            for (Callable<T> task : tasks) {
                subtasks.add(scope.fork(task));
            }
            scope.joinUntil(Instant.now().plus(timeout)); // TimeoutException
            scope.throwIfFailed();
            return subtasks.stream().map(Subtask::get).toList();
        }   // close(): shuts the scope down, interrupting the rest
        // code:end deadline
    }

    /**
     * Forks {@code n} copies of {@code task} in a {@code ShutdownOnFailure} scope and joins them, keeping no
     * results: the bare cost of a fork and a join, as {@code vtlab bench scope} measures it.
     */
    static void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException {
        try (var scope = new StructuredTaskScope.ShutdownOnFailure()) {
            for (int i = 0; i < n; i++) {
                scope.fork(task);
            }
            scope.join();
            scope.throwIfFailed(TaskFailedException::new);
        }
    }
}

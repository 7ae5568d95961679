package dev.vtlab.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.FailedException;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Every call to JDK 26's preview {@link StructuredTaskScope} API (JEP 525) lives here: JDK 25's version
 * ({@code src/main/java25}) with JEP 525's changes, {@code anySuccessfulResultOrThrow()} renamed
 * {@code anySuccessfulOrThrow()} and {@code allSuccessfulOrThrow()}'s {@code join()} returning the results as a
 * {@code List} rather than a stream of subtasks. The jdk26 build profile compiles it with JDK 26's javac into
 * {@code META-INF/versions/26}: a class compiled with {@code --release 25 --enable-preview} does not load on 26.
 *
 * <p>What changed from 21: a scope is opened with a joiner that decides when {@code join()} returns and what it
 * returns; a failure reaches the caller as an unchecked {@link FailedException} whose cause is the subtask's own
 * exception (21: {@code throwIfFailed()}'s {@code ExecutionException}); a deadline is part of the scope's
 * configuration, {@code withTimeout}, and its expiry cancels the scope and makes {@code join()} throw
 * {@link StructuredTaskScope.TimeoutException} (21: {@code joinUntil}). Still a preview API in 26.
 *
 * <p>Every method closes its scope before it returns or throws, and {@code close()} waits for every forked
 * thread, so no subtask outlives the call.
 */
final class StructuredRunner {

    private StructuredRunner() {
    }

    /** The release whose API this class calls: the JVM loaded this version of it. */
    static int release() {
        return 26;
    }

    /** What the failure lesson calls its scope ways on this release. */
    static String name(Join way) {
        return switch (way) {
            case SHUTDOWN_ON_FAILURE -> "open()";
            case SHUTDOWN_ON_SUCCESS -> "anySuccessfulOrThrow";
            case DEADLINE -> "open() withTimeout";
            case FIRE_AND_FORGET, GET_IN_ORDER -> way.name(); // not scopes: Join names them itself
        };
    }

    /** True for the exception a scope's deadline throws: JDK 26's is unchecked and the scope's own. */
    static boolean isTimeout(Exception e) {
        return e instanceof StructuredTaskScope.TimeoutException;
    }

    /** True for an unchecked exception of this API that reports the subtasks' outcome: a failure or a timeout. */
    static boolean reportsOutcome(RuntimeException e) {
        return e instanceof FailedException || e instanceof StructuredTaskScope.TimeoutException;
    }

    /**
     * Forks one subtask per task in a scope whose joiner wants every subtask to succeed, and joins them, wrapping a
     * failure in the lab's own {@link TaskFailedException}.
     */
    static <T> List<T> invokeAll(List<? extends Callable<T>> tasks, ThreadKind.BeforeJoin beforeJoin)
            throws InterruptedException, TaskFailedException {
        // code:begin scope
        try (var scope = StructuredTaskScope.open(
                Joiner.<T>allSuccessfulOrThrow())) {
            for (Callable<T> task : tasks) {
                scope.fork(task);               // each on a new virtual thread
            }
            beforeJoin.run();                   // (--no-join reads here)
            return scope.join();   // the results, in fork order, or throws
        } catch (FailedException e) {           // the first failure, as cause
            throw new TaskFailedException(e.getCause());
        }   // close(): no subtask outlives the block
        // code:end scope
    }

    /**
     * Forks one subtask per task in a scope with the default joiner ({@code open()}): the first failure cancels the
     * scope, which interrupts the subtasks still running, and {@code join()} throws {@link FailedException} whose
     * cause is the very exception the subtask threw. The caller sees that exception as it is.
     *
     * @return every result, in the order of {@code tasks}, if all succeeded
     */
    static <T> List<T> allOrFirstFailure(List<? extends Callable<T>> tasks) throws InterruptedException {
        // code:begin all
        try (var scope = StructuredTaskScope.<T>open()) {
            List<Subtask<T>> subtasks = new ArrayList<>();
            for (Callable<T> task : tasks) {
                subtasks.add(scope.fork(task));
            }
            scope.join();          // FailedException at the first failure
            return subtasks.stream().map(Subtask::get).toList();
        }   // close(): the siblings were interrupted; waits for them
        // code:end all
    }

    /**
     * Forks one subtask per task in a scope whose joiner wants any success: the first subtask to succeed cancels
     * the scope, which interrupts the others. A failure does not: {@code join()} throws {@link FailedException}
     * only when every subtask failed.
     *
     * @return the first result to arrive
     */
    static <T> T firstSuccess(List<? extends Callable<T>> tasks) throws InterruptedException {
        // code:begin any
        try (var scope = StructuredTaskScope.open(
                Joiner.<T>anySuccessfulOrThrow())) {
            for (Callable<T> task : tasks) {
                scope.fork(task);
            }
            return scope.join();   // the first success; FailedException if none
        }   // close(): the others were interrupted; waits for them
        // code:end any
    }

    /**
     * {@link #allOrFirstFailure} with a deadline in the scope's configuration: when it passes first the scope is
     * cancelled, which interrupts the subtasks still running, and {@code join()} throws
     * {@link StructuredTaskScope.TimeoutException}.
     */
    static <T> List<T> allWithin(List<? extends Callable<T>> tasks, Duration timeout) throws InterruptedException {
        // code:begin deadline
        try (var scope = StructuredTaskScope.open(Joiner.<T>allSuccessfulOrThrow(),
                config -> config.withTimeout(timeout))) {
            for (Callable<T> task : tasks) {
                scope.fork(task);
            }
            return scope.join();   // TimeoutException when the deadline passes
        }   // close(): the scope was cancelled; waits for the interrupted rest
        // code:end deadline
    }

    /**
     * Forks {@code n} copies of {@code task} in a scope with the default joiner and joins them, keeping no results:
     * the bare cost of a fork and a join, as {@code vtlab bench scope} measures it.
     */
    static void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException {
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < n; i++) {
                scope.fork(task);
            }
            scope.join();
        } catch (FailedException e) {
            throw new TaskFailedException(e.getCause());
        }
    }
}

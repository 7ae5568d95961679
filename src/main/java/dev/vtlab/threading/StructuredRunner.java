package dev.vtlab.threading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Every call to JDK 21's preview {@link StructuredTaskScope} API lives here. JDK 25 replaced that API
 * ({@code StructuredTaskScope.open(Joiner)}), so moving the lab to a later JDK changes this file only.
 *
 * <p>Every method closes its scope before it returns or throws, and {@code close()} waits for every forked
 * thread, so no subtask outlives the call.
 */
final class StructuredRunner {

    private StructuredRunner() {
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
     * throws an exception whose cause is the very exception the subtask threw.
     *
     * @return every result, in the order of {@code tasks}, if all succeeded
     * @throws ExecutionException whose cause is the first subtask's failure
     */
    static <T> List<T> allOrFirstFailure(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        try {
            return invokeAll(tasks, () -> { });
        } catch (TaskFailedException e) {
            throw new ExecutionException(e.getCause());
        }
    }

    /**
     * Forks one subtask per task in a {@code ShutdownOnSuccess} scope: the first subtask to succeed shuts the scope
     * down, which interrupts the others. A failure does not: the scope waits for a success and throws only when
     * every subtask failed, with the first failure as the cause.
     *
     * @return the first result to arrive
     */
    static <T> T firstSuccess(List<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try (var scope = new StructuredTaskScope.ShutdownOnSuccess<T>()) {
            for (Callable<T> task : tasks) {
                scope.fork(task);
            }
            scope.join();
            return scope.result();
        }
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

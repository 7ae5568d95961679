package dev.vtlab.threading;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Every call to JDK 21's preview {@link StructuredTaskScope} API lives here. JDK 25 replaced that API
 * ({@code StructuredTaskScope.open(Joiner)}), so moving the lab to a later JDK changes this file only.
 */
final class StructuredRunner {

    private StructuredRunner() {
    }

    /**
     * Forks one subtask per task in a {@code ShutdownOnFailure} scope and joins them. The first failure shuts
     * the scope down, which interrupts the subtasks still running; {@code close()} then waits for them, so no
     * thread outlives this call.
     */
    static <T> List<T> invokeAll(List<? extends Callable<T>> tasks) throws InterruptedException, TaskFailedException {
        try (var scope = new StructuredTaskScope.ShutdownOnFailure()) {
            List<Subtask<T>> subtasks = tasks.stream().map(task -> scope.<T>fork(task)).toList();
            scope.join();
            scope.throwIfFailed(TaskFailedException::new);
            return subtasks.stream().map(Subtask::get).toList();
        }
    }
}

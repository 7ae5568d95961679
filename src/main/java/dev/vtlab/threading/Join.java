package dev.vtlab.threading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * How a caller starts a batch of subtasks and learns how they went: the four ways of the failure lesson, from
 * "never asks" to "a scope that propagates the failure and cancels the rest".
 *
 * <p>No way leaves a thread behind: the executor or scope is closed, and so awaited, before {@link #run} returns or
 * throws. That is why even the fire-and-forget caller returns only when the slowest subtask is done: closing an
 * executor waits for its tasks, it does not read their results.
 */
public enum Join {

    /** {@code submit} every task and never call {@code get()}: a task's exception stays in a Future nobody reads. */
    FIRE_AND_FORGET("submit, never get()") {
        @Override
        public <T> List<T> run(ThreadKind kind, List<? extends Callable<T>> tasks) {
            try (ExecutorService executor = kind.newExecutor(tasks.size())) {
                for (Callable<T> task : tasks) {
                    executor.submit(task); // the Future, and any exception stored in it, is dropped here
                }
            }
            return List.of();
        }
    },

    /**
     * {@code submit} every task, then {@code get()} each Future in submission order. A failure surfaces only when its
     * Future's turn comes, and nothing cancels the other tasks: {@code close()} waits for them to run to the end.
     */
    GET_IN_ORDER("Future.get() in order") {
        @Override
        public <T> List<T> run(ThreadKind kind, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            try (ExecutorService executor = kind.newExecutor(tasks.size())) {
                List<Future<T>> futures = new ArrayList<>(tasks.size());
                for (Callable<T> task : tasks) {
                    futures.add(executor.submit(task));
                }
                List<T> results = new ArrayList<>(tasks.size());
                try {
                    for (Future<T> future : futures) {
                        results.add(future.get()); // blocks on this one even if a later one has already failed
                    }
                } catch (InterruptedException stopped) {
                    // The caller was stopped (Ctrl-C), not a task; the throw cleared the interrupt, so close()
                    // would wait for every task to run to its end. A stopped caller cancels what it started.
                    executor.shutdownNow();
                    throw stopped;
                }
                return results;
            }
        }
    },

    /** A {@code StructuredTaskScope.ShutdownOnFailure} (JDK 21 preview): the first failure cancels the siblings. */
    SHUTDOWN_ON_FAILURE("ShutdownOnFailure") {
        @Override
        public <T> List<T> run(ThreadKind kind, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return StructuredRunner.allOrFirstFailure(tasks);
        }
    },

    /** A {@code StructuredTaskScope.ShutdownOnSuccess} (JDK 21 preview): the first success cancels the others. */
    SHUTDOWN_ON_SUCCESS("ShutdownOnSuccess") {
        @Override
        public <T> List<T> run(ThreadKind kind, List<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return List.of(StructuredRunner.firstSuccess(tasks));
        }
    };

    private final String description;

    Join(String description) {
        this.description = description;
    }

    /**
     * Runs the tasks this way and returns the results the caller read: none for fire-and-forget, all of them in task
     * order for {@code get()} and {@code ShutdownOnFailure}, the winner's alone for {@code ShutdownOnSuccess}.
     *
     * @param kind what runs the tasks of an executor way, one whose {@link ThreadKind#isExecutor()} is true;
     *             the scope ways ignore it, since a scope always forks virtual threads
     * @throws ExecutionException   when the way surfaces a task's failure; the cause is the task's own exception
     * @throws InterruptedException if the caller was interrupted while it waited
     */
    public abstract <T> List<T> run(ThreadKind kind, List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException;

    public String description() {
        return description;
    }
}

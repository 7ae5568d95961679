package dev.vtlab.threading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The kind of thread a lesson's tasks run on ({@code --threads}). Every kind runs all the tasks of one batch, waits
 * for all of them, and leaves no thread behind: executors and scopes are closed before {@link #invokeAll} returns.
 */
public enum ThreadKind {

    /** A fixed pool of platform (OS) threads, one per task up to {@link #PLATFORM_POOL_SIZE}. */
    PLATFORM("platform", "platform threads (a fixed pool)") {
        @Override
        public ExecutorService newExecutor(int tasks) {
            return Executors.newFixedThreadPool(Math.max(1, Math.min(tasks, PLATFORM_POOL_SIZE)));
        }
    },

    /** One new virtual thread per task. */
    VIRTUAL("virtual", "virtual threads (one per task)") {
        @Override
        public ExecutorService newExecutor(int tasks) {
            return Executors.newVirtualThreadPerTaskExecutor();
        }
    },

    /** JDK 21's {@code StructuredTaskScope} (preview): one forked virtual thread per task, joined as a unit. */
    SCOPE("scope", "a StructuredTaskScope (JDK 21 preview)") {
        @Override
        public <T> List<T> invokeAll(List<? extends Callable<T>> tasks)
                throws InterruptedException, TaskFailedException {
            return StructuredRunner.invokeAll(tasks);
        }

        @Override
        public boolean isExecutor() {
            return false;
        }

        @Override
        public ExecutorService newExecutor(int tasks) {
            throw new UnsupportedOperationException("a scope is not an executor; use platform or virtual");
        }
    };

    /**
     * The most platform threads one batch gets. Enough that the lessons' few tasks each have their own thread
     * (a forced interleaving needs that), small enough that {@code --tasks 10000} does not start 10,000 OS threads.
     */
    public static final int PLATFORM_POOL_SIZE = 200;

    private final String cliName;
    private final String description;

    ThreadKind(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /**
     * Runs every task, waits for all of them, and returns their results in the order of {@code tasks}.
     *
     * @throws TaskFailedException  if a task threw; the other tasks are cancelled (interrupted) and awaited
     * @throws InterruptedException if the caller was interrupted; the tasks are cancelled and awaited
     */
    public <T> List<T> invokeAll(List<? extends Callable<T>> tasks)
            throws InterruptedException, TaskFailedException {
        try (ExecutorService executor = newExecutor(tasks.size())) {
            return submitAndAwait(executor, tasks);
        }
    }

    /**
     * True if this kind is an {@link ExecutorService} ({@link #PLATFORM}, {@link #VIRTUAL}); false for
     * {@link #SCOPE}, which forks and joins in a scope. A lesson that submits to an executor itself, such as the
     * failure lesson's first two ways, accepts only these kinds.
     */
    public boolean isExecutor() {
        return true;
    }

    /**
     * A new executor for a batch of {@code tasks} tasks, which the caller closes (and so awaits) before it returns.
     *
     * @throws UnsupportedOperationException for {@link #SCOPE}: see {@link #isExecutor()}
     */
    public abstract ExecutorService newExecutor(int tasks);

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /**
     * Submits all, then takes each result as it completes, so the first failure is seen at once (not when its turn
     * in submission order comes) and cancels the rest. The caller closes the executor, which awaits them.
     */
    private static <T> List<T> submitAndAwait(ExecutorService executor, List<? extends Callable<T>> tasks)
            throws InterruptedException, TaskFailedException {
        var completion = new ExecutorCompletionService<T>(executor);
        Map<Future<T>, Integer> index = new HashMap<>();
        for (Callable<T> task : tasks) {
            index.put(completion.submit(task), index.size());
        }
        List<T> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        try {
            for (int done = 0; done < tasks.size(); done++) {
                Future<T> future = completion.take();
                results.set(index.get(future), future.get());
            }
        } catch (ExecutionException e) {
            index.keySet().forEach(f -> f.cancel(true));
            throw new TaskFailedException(e.getCause());
        } catch (InterruptedException e) {
            index.keySet().forEach(f -> f.cancel(true));
            throw e;
        }
        return results;
    }
}

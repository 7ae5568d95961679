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
            // code:begin platform
            int threads = Math.max(1, Math.min(tasks, PLATFORM_POOL_SIZE)); // <= 200
            return Executors.newFixedThreadPool(threads);  // reused OS threads
            // code:end platform
        }
    },

    /** One new virtual thread per task. */
    VIRTUAL("virtual", "virtual threads (one per task)") {
        @Override
        public ExecutorService newExecutor(int tasks) {
            // code:begin virtual
            return Executors.newVirtualThreadPerTaskExecutor(); // a thread per task
            // code:end virtual
        }
    },

    /**
     * A {@code StructuredTaskScope} (preview in JDK 21 and 25, with different APIs: see {@code StructuredRunner}): one
     * forked virtual thread per task, joined as a unit.
     */
    SCOPE("scope", "a StructuredTaskScope") {
        @Override
        public String description() {
            return "a StructuredTaskScope (JDK " + ScopeCode.release() + " preview)";
        }

        @Override
        public <T> List<T> invokeAll(List<? extends Callable<T>> tasks, BeforeJoin beforeJoin)
                throws InterruptedException, TaskFailedException {
            ScopeCode.require();
            return StructuredRunner.invokeAll(tasks, beforeJoin);
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
        return invokeAll(tasks, () -> { });
    }

    /** What the caller does once every task has started, before it waits for them. */
    @FunctionalInterface
    public interface BeforeJoin {
        void run() throws InterruptedException;
    }

    /**
     * {@link #invokeAll(List)}, calling {@code beforeJoin} once every task has been started and before waiting for
     * any: what a caller that forgets to wait would see at that moment ({@code vtlab counter --no-join}).
     */
    public <T> List<T> invokeAll(List<? extends Callable<T>> tasks, BeforeJoin beforeJoin)
            throws InterruptedException, TaskFailedException {
        // code:begin executor
        try (ExecutorService executor = newExecutor(tasks.size())) {
            var running = Running.submit(executor, tasks); // every task starts
            beforeJoin.run();                   // (--no-join reads here)
            return running.awaitAll();          // each result, or the first failure
        }   // leaving the block calls close(): it waits for every task to end
        // code:end executor
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
     * Tasks submitted to an executor, taken as each completes, so the first failure is seen at once (not when its
     * turn in submission order comes) and cancels the rest. The caller closes the executor, which awaits them.
     */
    private record Running<T>(ExecutorCompletionService<T> completion, Map<Future<T>, Integer> index) {

        // code:begin running
        static <T> Running<T> submit(ExecutorService executor,
                                     List<? extends Callable<T>> tasks) {
            var running = new Running<T>(
                    new ExecutorCompletionService<>(executor), new HashMap<>());
            for (Callable<T> task : tasks) {
                Future<T> future = running.completion.submit(task); // starts it
                running.index.put(future, running.index.size());
            }
            return running;
        }

        List<T> awaitAll() throws InterruptedException, TaskFailedException {
            var results = new ArrayList<T>(Collections.nCopies(index.size(), null));
            try {
                for (int done = 0; done < index.size(); done++) {
                    Future<T> future = completion.take(); // the next to end
                    results.set(index.get(future), future.get());
                }
            } catch (ExecutionException e) {           // a task threw
                index.keySet().forEach(f -> f.cancel(true));
                throw new TaskFailedException(e.getCause());
            } catch (InterruptedException e) {         // the caller was stopped
                index.keySet().forEach(f -> f.cancel(true));
                throw e;
            }
            return results;
        }
        // code:end running
    }
}

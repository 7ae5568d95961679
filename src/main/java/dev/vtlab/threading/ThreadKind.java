package dev.vtlab.threading;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
     * Runs the waves that {@code waves} hands out, each as {@link #invokeAll(List)} runs a batch, with at most
     * {@code atOnce} waves in flight: a new wave starts as soon as one ends, so while one sleeps out its delay the
     * next is being started, and the tasks alive at once stay bounded however many waves there are. A fixed pool
     * ({@link #PLATFORM}) runs its waves one at a time, so it never has more than its
     * {@value #PLATFORM_POOL_SIZE} threads. The caller builds each wave when {@code next()} asks for it, on the
     * calling thread, so nothing of a wave exists before it is about to start.
     *
     * <p>The waves run on virtual threads of their own (one per wave in flight), each waiting for its wave's tasks;
     * every one of them has ended when this returns or throws.
     *
     * @throws TaskFailedException  if a task threw; every wave still running is cancelled and awaited
     * @throws InterruptedException if the caller was interrupted; every wave still running is cancelled and awaited
     */
    public <T> void invokeInWaves(Iterator<? extends List<? extends Callable<T>>> waves, int atOnce)
            throws InterruptedException, TaskFailedException {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one wave must run at a time, got " + atOnce);
        }
        if (!waves.hasNext()) {
            return;
        }
        List<? extends Callable<T>> first = waves.next();
        if (this == PLATFORM || atOnce == 1 || !waves.hasNext()) { // one wave runs as a batch does, on this thread
            invokeAll(first);
            while (waves.hasNext()) {
                invokeAll(waves.next());
            }
            return;
        }
        var free = new Semaphore(atOnce);      // a permit per wave that may start
        List<Future<?>> running = new ArrayList<>(); // the waves started and not yet seen to end; the caller's
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (List<? extends Callable<T>> wave = first; wave != null;
                     wave = waves.hasNext() ? waves.next() : null) {
                    free.acquire();                     // a wave has ended, or fewer than atOnce run
                    awaitEnded(running, false);         // throws a failed wave's failure at once
                    List<? extends Callable<T>> tasks = wave;
                    running.add(runners.submit(() -> {
                        try {
                            return invokeAll(tasks);
                        } finally {
                            free.release();
                        }
                    }));
                }
                awaitEnded(running, true);
            } catch (InterruptedException | TaskFailedException | RuntimeException | Error e) { // Error: out of heap
                running.forEach(f -> f.cancel(true)); // each wave cancels and awaits its own tasks
                throw e;
            }
        }   // close(): waits for every wave's thread, each of which waited for its tasks
    }

    /**
     * Drops the waves that ended well; throws the failure of one that did not. With {@code all}, waits for every
     * wave first.
     */
    private static void awaitEnded(List<Future<?>> running, boolean all)
            throws InterruptedException, TaskFailedException {
        for (var it = running.iterator(); it.hasNext(); ) {
            Future<?> wave = it.next();
            if (!all && !wave.isDone()) {
                continue;
            }
            try {
                wave.get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case TaskFailedException failed -> throw failed;
                    case InterruptedException stopped -> throw stopped;
                    case RuntimeException bug -> throw bug;
                    case Error error -> throw error;
                    default -> throw new IllegalStateException("a wave threw " + e.getCause(), e.getCause());
                }
            }
            it.remove();
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
     * Tasks submitted to an executor, and one wait for all of them or for the first failure, which is seen at once
     * (not when its turn in submission order comes) and cancels the rest. The caller closes the executor, which
     * awaits them. An interrupt cancels them too, even one that comes while they are still being submitted: two
     * million tasks take seconds to submit, and Ctrl-C should not wait for that.
     *
     * <p>The caller is woken once, by the last task to end or the first to fail, not once per task as an
     * {@code ExecutorCompletionService} woke it: for 10,000 tasks those 10,000 wake-ups cost about a tenth of the
     * counter lesson's cold run (BENCH.md §4).
     *
     * <p>Each task is handed to {@code execute} as a {@code FutureTask} of its own, not to {@code submit}: on JDK 21
     * the virtual-thread executor's {@code close()} does not wait for the thread of a cancelled {@code submit}, so a
     * cancelled sibling could still be running when the lesson reports (JDK-8347039, fixed in JDK 25; a task given
     * to {@code execute} is waited for). {@code ThreadKindTest.propagatesAFailureAndCancelsTheSiblings} catches it.
     *
     * <p><b>Memory visibility.</b> A task stores its result before it counts itself down ({@code left}, an atomic);
     * the last one's count-down happens-before it opens {@code over}, and that happens-before the caller's
     * {@code over.await()} returns, so the caller sees every result (and a failure, set before {@code over} opens).
     */
    private static final class Running<T> {
        private final List<Future<?>> started;             // submitted so far; the caller's only
        private final AtomicReferenceArray<T> results;     // written by each task, read by the caller after over
        private final AtomicInteger left;                  // tasks not yet ended well
        private final AtomicReference<Throwable> failure = new AtomicReference<>(); // the first, set once
        private final CountDownLatch over = new CountDownLatch(1); // opened by the last task or the first failure

        private Running(int tasks) {
            started = new ArrayList<>(tasks);
            results = new AtomicReferenceArray<>(tasks);
            left = new AtomicInteger(tasks);
        }

        // code:begin running
        static <T> Running<T> submit(ExecutorService executor,
                                     List<? extends Callable<T>> tasks)
                throws InterruptedException {
            var running = new Running<T>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                if (Thread.interrupted()) {      // Ctrl-C while starting them
                    running.cancelAll();
                    throw new InterruptedException("stopped while submitting");
                }
                int index = i;
                Callable<T> task = tasks.get(i);
                var started = new FutureTask<Void>(
                        () -> running.run(index, task), null);
                executor.execute(started);       // starts it
                running.started.add(started);
            }
            if (tasks.isEmpty()) {
                running.over.countDown();
            }
            return running;
        }

        /** In the task's thread: its result, or the first failure. */
        private void run(int index, Callable<T> task) {
            try {
                results.set(index, task.call());
            } catch (Throwable e) {              // an Error too
                if (failure.compareAndSet(null, e)) { // the first
                    over.countDown();
                }
                return;
            }
            if (left.decrementAndGet() == 0) {   // the last to end
                over.countDown();
            }
        }

        List<T> awaitAll() throws InterruptedException, TaskFailedException {
            try {
                over.await();                    // all ended, or one failed
            } catch (InterruptedException e) {   // the caller was stopped
                cancelAll();
                throw e;
            }
            if (failure.get() != null) {         // a task threw
                cancelAll();
                throw new TaskFailedException(failure.get());
            }
            var all = new ArrayList<T>(results.length());
            for (int i = 0; i < results.length(); i++) {
                all.add(results.get(i));
            }
            return all;
        }
        // code:end running

        private void cancelAll() {
            started.forEach(f -> f.cancel(true));
        }
    }
}

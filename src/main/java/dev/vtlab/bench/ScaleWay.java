package dev.vtlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@code bench scale}: N tasks that each sleep D, run four ways. Wall time runs from the first submit to the end of
 * the executor's {@code close()}, which waits for every task.
 */
public enum ScaleWay {

    FIXED_POOL("fixed", "newFixedThreadPool(" + ScaleWay.POOL + ")") {
        @Override
        ExecutorService executor() {
            return Executors.newFixedThreadPool(POOL);
        }

        @Override
        Duration ideal(int tasks, Duration delay) {
            return delay.multipliedBy((tasks + POOL - 1) / POOL);
        }
    },
    CACHED_POOL("cached", "newCachedThreadPool()") {
        @Override
        ExecutorService executor() {
            return Executors.newCachedThreadPool();
        }
    },
    THREAD_PER_TASK("per-task", "one platform thread per task") {
        @Override
        ExecutorService executor() {
            return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
        }
    },
    VIRTUAL("virtual", "newVirtualThreadPerTaskExecutor()") {
        @Override
        ExecutorService executor() {
            return Executors.newVirtualThreadPerTaskExecutor();
        }
    };

    /** The sampler thread's name: a test checks that no such thread outlives a run. */
    static final String SAMPLER = "vtlab-bench-sampler";

    /** The fixed pool's size, as in baselines.md. */
    static final int POOL = 200;

    /**
     * The most platform threads a row may start. kernel.pid_max is 32,768 on these machines and they are shared:
     * the cached pool and thread-per-task ways are skipped above this many tasks.
     */
    public static final int MAX_PLATFORM_THREADS = 10_000;

    /** A row whose ideal time is longer than this is skipped (the fixed pool with a million tasks: 500 s a run). */
    static final Duration MAX_IDEAL = Duration.ofSeconds(60);

    private final String cliName;
    private final String description;

    ScaleWay(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    abstract ExecutorService executor();

    /** The wall time with zero overhead: every task's sleep, as many rounds as the threads allow. */
    Duration ideal(int tasks, Duration delay) {
        return delay;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Why this way should not run {@code tasks} tasks here, or null if it may. */
    String skipReason(int tasks, Duration delay) {
        if ((this == CACHED_POOL || this == THREAD_PER_TASK) && tasks > MAX_PLATFORM_THREADS) {
            return "would start up to " + tasks + " platform threads (limit " + MAX_PLATFORM_THREADS
                    + "; kernel.pid_max is 32,768 on a shared machine)";
        }
        if (ideal(tasks, delay).compareTo(MAX_IDEAL) > 0) {
            return "one run would take at least " + ideal(tasks, delay).toSeconds() + " s";
        }
        return null;
    }

    /**
     * One run. Besides the wall time it reports the peak of platform threads (ThreadMXBean, reset before the run)
     * and the peak of tasks in flight, sampled every millisecond by a platform thread from two striped counters,
     * which is the number of live virtual threads for {@link #VIRTUAL}.
     */
    Sample run(int tasks, Duration delay) throws InterruptedException {
        return measure(this::executor, ideal(tasks, delay), tasks, delay);
    }

    /** {@link #run} with the executor given: a test passes one that fails as a pool that cannot start threads. */
    static Sample measure(Supplier<ExecutorService> executors, Duration ideal, int tasks, Duration delay)
            throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        var started = new LongAdder();
        var finished = new LongAdder();
        var sampler = new InFlightSampler(started, finished);
        Runnable task = () -> {
            started.increment();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished.increment();
            }
        };
        mx.resetPeakThreadCount();
        Thread samplerThread = Thread.ofPlatform().daemon().name(SAMPLER).start(sampler);
        long wall;
        try {
            long start = System.nanoTime();
            try (ExecutorService executor = executors.get()) {
                for (int i = 0; i < tasks; i++) {
                    executor.execute(task);
                }
            }
            wall = System.nanoTime() - start;
        } finally {
            // Also when starting threads fails (the cached pool and thread-per-task rows at 10,000 tasks may):
            // the sampler must not outlive the run.
            Reaper.interruptAndJoin(List.of(samplerThread));
        }
        if (Thread.interrupted()) {
            // close() was interrupted while it waited, so it cancelled the tasks: the wall time means nothing.
            throw new InterruptedException("interrupted while waiting for the tasks; they were cancelled");
        }
        return new Sample(Map.of("wall_ns", wall, "ideal_ns", ideal.toNanos(), "tasks", (long) tasks,
                "peak_platform_threads", (long) mx.getPeakThreadCount(), "peak_in_flight", sampler.peak()));
    }

    /** Samples started - finished every millisecond until interrupted. */
    private static final class InFlightSampler implements Runnable {
        private final LongAdder started;
        private final LongAdder finished;
        private volatile long peak; // written by the sampler thread; read by the runner after join()

        InFlightSampler(LongAdder started, LongAdder finished) {
            this.started = started;
            this.finished = finished;
        }

        @Override
        public void run() {
            long max = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    max = Math.max(max, started.sum() - finished.sum());
                    peak = max;
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                // The run is over: interruption is how the runner stops the sampler. Re-asserted, not swallowed,
                // so that anything this thread did next would see it.
                Thread.currentThread().interrupt();
            }
            peak = Math.max(max, started.sum() - finished.sum());
        }

        long peak() {
            return peak;
        }
    }
}

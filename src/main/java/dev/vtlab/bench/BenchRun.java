package dev.vtlab.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a list of rows one after the other, each in its own child JVM, and keeps every finished row. {@link
 * #stop()} (from a Ctrl-C shutdown hook) destroys the running child; the rows already measured are kept, and
 * {@link #run} returns them as a partial result.
 *
 * <p><b>Memory visibility.</b> {@code stopped} and {@code current} are volatile: the hook's write is seen by the
 * runner's thread. {@code rows} is written by the runner's thread only and read by it after {@link #run}.
 */
public final class BenchRun {

    /** Told of each row as it starts and ends, for the progress line. */
    public interface Progress {
        void starting(int index, int total, Config config);

        void finished(int index, int total, Row row);
    }

    /** What a run measured, and whether a stop cut it short. */
    public record Result(List<Row> rows, int planned, boolean stopped) {
        public Result {
            rows = List.copyOf(rows);
        }
    }

    private final String java;
    private final Settings settings;
    private volatile boolean stopped;                            // set once, by stop()
    private volatile Process current;                            // the running child; written by the runner

    public BenchRun(String java, Settings settings) {
        this.java = java;
        this.settings = settings;
    }

    /** Every row of these suites, in order, before any runs. */
    public List<Config> plan(List<Suite> suites) {
        List<Config> plan = new ArrayList<>();
        for (Suite suite : suites) {
            plan.addAll(suite.plan(settings));
        }
        return plan;
    }

    public Result run(List<Config> plan, Progress progress)
            throws IOException, InterruptedException, ChildJvm.ChildFailedException {
        List<Row> rows = new ArrayList<>();
        try {
            for (int i = 0; i < plan.size() && !stopped; i++) {
                Config config = plan.get(i);
                if (config.skipped()) {
                    Row row = Row.skipped(config);
                    rows.add(row);
                    progress.finished(i + 1, plan.size(), row);
                    continue;
                }
                progress.starting(i + 1, plan.size(), config);
                Suite suite = config.suite();
                var child = ChildJvm.forRow(java, config, settings.warmup(suite), settings.runs(suite));
                Row row;
                try {
                    row = child.run(config, this::started);
                } catch (ChildJvm.ChildFailedException e) {
                    // A Ctrl-C on a terminal reaches the child too (same process group): it may die of the signal
                    // before the shutdown hook has called stop(). SIGKILL is not a user's stop unless stop() sent it
                    // (then stopped is already set): from outside it is the kernel's OOM killer, the environment.
                    if (stopped || stoppedByUser(e.exitCode())) {
                        stopped = true;
                        break;
                    }
                    throw e;
                }
                if (stopped) {
                    break;
                }
                rows.add(row);
                progress.finished(i + 1, plan.size(), row);
            }
            return new Result(rows, plan.size(), stopped);
        } finally {
            current = null;
        }
    }

    /** A stop() that came between the check of the loop and the child's start must still stop that child. */
    private void started(Process process) {
        current = process;
        if (stopped) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** 128 + SIGINT or SIGTERM: how a JVM stopped by Ctrl-C or a kill exits. */
    private static boolean stoppedByUser(int exitCode) {
        return exitCode == 130 || exitCode == 143;
    }

    /** Stops the running child; {@link #run} then returns the rows measured so far. Safe from any thread. */
    public void stop() {
        stopped = true;
        Process p = current;
        if (p != null) {
            // The trials and start suites' child starts programs of its own: they must not outlive it.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** The settings' runs and warm-ups for a suite, for the report. */
    public int runs(Suite suite) {
        return settings.runs(suite);
    }

    public int warmup(Suite suite) {
        return settings.warmup(suite);
    }
}

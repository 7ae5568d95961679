package dev.vtlab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to measure. Null fields take the suite's default (or the quick default with {@code quick}).
 *
 * @param runs     timed runs per configuration
 * @param warmup   untimed runs before them, in the same JVM
 * @param tasks    {@code scale}: how many tasks
 * @param delay    {@code scale}: how long each task sleeps
 * @param ops      {@code locks}: increments in all, split over the threads
 * @param trials   {@code trials}: one number of trials instead of the ladder 1,000 to 1,000,000
 * @param only     the ways to run (command-line names); empty means all
 * @param quick    a fast variant for smoke tests
 */
public record Settings(Integer runs, Integer warmup, Integer tasks, Duration delay, Long ops, Integer trials,
                       Set<String> only, boolean quick) {

    public Settings {
        only = Set.copyOf(only);
    }

    int runs(Suite suite) {
        return runs != null ? runs : quick ? 1 : suite.defaultRuns();
    }

    int warmup(Suite suite) {
        return warmup != null ? warmup : quick ? 0 : suite.defaultWarmup();
    }

    int taskCount() {
        return tasks != null ? tasks : quick ? 1_000 : 10_000;
    }

    Duration sleep() {
        return delay != null ? delay : quick ? Duration.ofMillis(10) : Duration.ofMillis(100);
    }

    long increments() {
        return ops != null ? ops : quick ? 200_000 : 50_000_000;
    }

    /** {@code trials}: the numbers of trials, one row each. */
    List<Integer> trialCounts() {
        return trials != null ? List.of(trials) : quick ? List.of(1_000)
                : List.of(1_000, 10_000, 100_000, 1_000_000);
    }

    /** {@code trials}, way {@code counter}: how many tasks (the scale suite's {@code --tasks}: 10,000; quick 1,000). */
    int counterTasks() {
        return taskCount();
    }

    /** {@code trials}: each transaction's sleep, 100 ms as in the figures, also with {@code --quick}. */
    Duration trialDelay() {
        return delay != null ? delay : Duration.ofMillis(100);
    }

    /** {@code scope}: how many subtasks one round forks. */
    List<Integer> subtaskCounts() {
        return quick ? List.of(1, 10) : List.of(1, 10, 1_000, 100_000);
    }

    /** {@code scope}: subtasks per timed run; a run repeats the round until it has forked about this many. */
    int subtaskBudget() {
        return quick ? 1_000 : 100_000;
    }

    /** {@code locks}: how many threads of which kind one row runs. */
    record LockThreads(boolean virtual, int threads) {
    }

    /** {@code locks}: the thread cells, in table order. */
    List<LockThreads> lockThreads() {
        var twoPlatform = new LockThreads(false, 2);
        var twoVirtual = new LockThreads(true, 2);
        return quick ? List.of(twoPlatform, twoVirtual)
                : List.of(twoPlatform, twoVirtual, new LockThreads(true, 100), new LockThreads(true, 10_000));
    }

    boolean includes(String way) {
        return only.isEmpty() || only.contains(way);
    }
}

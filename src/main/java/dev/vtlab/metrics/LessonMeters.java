package dev.vtlab.metrics;

import dev.vtlab.sync.Step;
import dev.vtlab.sync.Trace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters one lesson records, all named {@code vtlab.<lesson>.*} and tagged with the run's setup (for example
 * {@code sync} and {@code threads}):
 * <ul>
 *   <li>{@code .duration} (timer): one whole run of the lesson;</li>
 *   <li>{@code .task.duration} (timer): one task, from its ARRIVE step (waiting for a guard included) to its
 *   FINISH step;</li>
 *   <li>{@code .runs.correct} and {@code .updates.lost} (counters): the outcome of each run (or trial);</li>
 *   <li>{@code .cas.retries} (counter): compare-and-set failures, counted step by step through the {@link Trace};</li>
 *   <li>{@code .tasks.failed} and {@code .tasks.cancelled} (counters): tasks that threw, and tasks cancelled
 *       before they finished (or a whole run interrupted);</li>
 *   <li>{@code .threads{kind=virtual}} (counter): the virtual threads that ran the lesson's tasks. The lesson starts
 *       each of them itself, one per task. {@code .threads{kind=platform}}: the distinct platform threads that ran
 *       tasks (pool threads, reused). Micrometer's {@code jvm.threads.*} gauges count platform threads only.</li>
 * </ul>
 * The registry is passed in; nothing here is global. Every meter but the thread counters is registered up front, so
 * a counter that stayed at zero is still printed: "0 lost updates" is a result too. A null registry (no
 * {@code --metrics}) records nothing: no meter is made, no step is looked at, and Micrometer's meter classes are
 * not loaded (about 70 classes and their logging set-up, some 50 ms of a lesson's start; BENCH.md, start-up).
 *
 * <p><b>Memory visibility.</b> The trace is called from the task threads. Micrometer's counters and timers are
 * thread-safe; {@code started} and {@code platformThreadIds} are concurrent. The runner reads the meters after
 * joining the tasks, which happens-after every step.
 */
public final class LessonMeters {

    private final Timer duration;           // every meter is null when the registry is
    private final Timer taskDuration;
    private final Counter correct;
    private final Counter lost;
    private final Counter retries;
    private final Counter failed;
    private final Counter cancelled;
    private final MeterRegistry registry;   // null: record nothing
    private final String threadsName;
    private final Tags tags;
    private final Map<String, Long> started = new ConcurrentHashMap<>(); // task@thread -> ARRIVE nanos
    private final Set<Long> platformThreadIds = ConcurrentHashMap.newKeySet(); // platform threads that ran a task

    /**
     * @param registry where the meters go, or null to record nothing
     * @param lesson   the lesson's command name, such as {@code counter}
     * @param tags     the run's setup, such as {@code sync=none, threads=virtual}
     */
    public LessonMeters(MeterRegistry registry, String lesson, Tags tags) {
        String p = "vtlab." + lesson + ".";
        this.registry = registry;
        this.threadsName = p + "threads";
        this.tags = tags;
        if (registry == null) {
            duration = null;
            taskDuration = null;
            correct = null;
            lost = null;
            retries = null;
            failed = null;
            cancelled = null;
            return;
        }
        duration = Timer.builder(p + "duration").description("One run of the lesson, start to report")
                .tags(tags).register(registry);
        taskDuration = Timer.builder(p + "task.duration").description("One task, from its start to its finish")
                .tags(tags).register(registry);
        correct = counter(registry, p + "runs.correct", "Runs that ended with the expected value", tags);
        lost = counter(registry, p + "updates.lost", "Stored values overwritten by a writer that never read them",
                tags);
        retries = counter(registry, p + "cas.retries", "Compare-and-set attempts that found the value changed",
                tags);
        failed = counter(registry, p + "tasks.failed", "Tasks that threw", tags);
        cancelled = counter(registry, p + "tasks.cancelled", "Tasks (or runs) cancelled before they finished",
                tags);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /**
     * Counts each task's steps as they happen, on the task's thread: its duration, its retries, and the thread it
     * ran on. Every thread kind of the lab runs one task per virtual thread, so each ARRIVE on a virtual thread is
     * one virtual thread started; platform threads are pooled, so they are counted once each.
     */
    public Trace trace() {
        return registry == null ? Trace.none() : step -> on(step, Thread.currentThread());
    }

    /**
     * Counts the steps of a finished run after the fact (its task durations and retries), for a lesson that keeps
     * its steps rather than tracing them live. The threads are not known then and are not counted.
     *
     * <p>One replay at a time: the account lesson replays each trial as it ends, from the trials' own threads, and
     * two trials' steps carry the same task names, so their ARRIVE and FINISH would pair across trials and lose
     * durations (seen: 38 of 40 tasks timed for 20 trials).
     */
    public synchronized void replay(List<Step> steps) {
        if (registry != null) {
            steps.forEach(step -> on(step, null));
        }
    }

    private void on(Step step, Thread current) {
        // ARRIVE and FINISH of one task come from the same thread; the thread id tells apart two tasks of one name
        // running at once (the account lesson's trials).
        String key = step.task() + "@" + (current == null ? 0 : current.threadId());
        switch (step.kind()) {
            case ARRIVE -> {
                started.put(key, step.nanos());
                if (current != null && current.isVirtual()) {
                    threads("virtual", "Virtual threads the lesson started (one per task)").increment();
                } else if (current != null && platformThreadIds.add(current.threadId())) {
                    threads("platform", "Distinct platform threads that ran tasks (pooled)").increment();
                }
            }
            case RETRY -> retries.increment();
            case FINISH -> {
                Long start = started.remove(key);
                if (start != null) {
                    taskDuration.record(Duration.ofNanos(step.nanos() - start));
                }
            }
            case WAIT, START, READ, WRITE, PEEK -> { }
        }
    }

    /**
     * Registered on first use (registering again returns the same counter), so that a lesson whose steps are only
     * replayed shows no thread count rather than a false zero.
     */
    private Counter threads(String kind, String description) {
        return counter(registry, threadsName, description, tags.and("kind", kind));
    }

    /** The whole run took this long (once per run of the lesson). */
    public void took(Duration took) {
        if (registry != null) {
            duration.record(took);
        }
    }

    /** One run or trial ended; {@code lostUpdates} is 0 for a correct one. */
    public void outcome(long lostUpdates) {
        if (registry == null) {
            return;
        }
        if (lostUpdates == 0) {
            correct.increment();
        } else {
            lost.increment(lostUpdates);
        }
    }

    /** One task took this long, for a lesson that reports its tasks' times after the run. */
    public void task(Duration took) {
        if (registry != null) {
            taskDuration.record(took);
        }
    }

    /** One task threw. */
    public void taskFailed() {
        if (registry != null) {
            failed.increment();
        }
    }

    /** One task was cancelled before it finished. */
    public void taskCancelled() {
        if (registry != null) {
            cancelled.increment();
        }
    }

    /** A run ended because a task threw. */
    public void failed(Duration took) {
        if (registry == null) {
            return;
        }
        duration.record(took);
        failed.increment();
    }

    /** A run was interrupted before it ended. */
    public void cancelled(Duration took) {
        if (registry == null) {
            return;
        }
        duration.record(took);
        cancelled.increment();
    }
}

package dev.vtlab.metrics;

import dev.vtlab.sync.Step;
import dev.vtlab.sync.Trace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters one lesson records, all named {@code vtlab.<lesson>.*} and tagged with the run's setup (for example
 * {@code sync} and {@code threads}):
 * <ul>
 *   <li>{@code .duration} (timer): one whole run of the lesson;</li>
 *   <li>{@code .task.duration} (timer): one task, from its START step to its FINISH step;</li>
 *   <li>{@code .runs.correct} and {@code .updates.lost} (counters): the outcome;</li>
 *   <li>{@code .cas.retries} (counter): compare-and-set failures, counted step by step through the {@link Trace};</li>
 *   <li>{@code .tasks.failed} and {@code .tasks.cancelled} (counters);</li>
 *   <li>{@code .threads{kind=virtual}} (counter): the virtual threads that ran the lesson's tasks. The lesson starts
 *       each of them itself, one per task. {@code .threads{kind=platform}}: the distinct platform threads that ran
 *       tasks (pool threads, reused). Micrometer's {@code jvm.threads.*} gauges count platform threads only.</li>
 * </ul>
 * The registry is passed in; nothing here is global. Every meter is registered up front, so a counter that stayed
 * at zero is still printed: "0 lost updates" is a result too.
 *
 * <p><b>Memory visibility.</b> The trace is called from the task threads. Micrometer's counters and timers are
 * thread-safe; {@code started} and {@code seenThreads} are concurrent maps. The runner reads the meters after
 * joining the tasks, which happens-after every step.
 */
public final class LessonMeters {

    private final Timer duration;
    private final Timer taskDuration;
    private final Counter correct;
    private final Counter lost;
    private final Counter retries;
    private final Counter failed;
    private final Counter cancelled;
    private final Counter virtualThreads;
    private final Counter platformThreads;
    private final Map<String, Long> started = new ConcurrentHashMap<>(); // task -> START nanos; tasks write
    private final Set<Long> seenThreads = ConcurrentHashMap.newKeySet(); // thread ids that ran a task

    /**
     * @param lesson the lesson's command name, such as {@code counter}
     * @param tags   the run's setup, such as {@code sync=none, threads=virtual}
     */
    public LessonMeters(MeterRegistry registry, String lesson, Tags tags) {
        String p = "vtlab." + lesson + ".";
        duration = Timer.builder(p + "duration").description("One run of the lesson, start to report")
                .tags(tags).register(registry);
        taskDuration = Timer.builder(p + "task.duration").description("One task, from its start to its finish")
                .tags(tags).register(registry);
        correct = counter(registry, p + "runs.correct", "Runs that ended with the expected value", tags);
        lost = counter(registry, p + "updates.lost", "Stored values overwritten by a writer that never read them",
                tags);
        retries = counter(registry, p + "cas.retries", "Compare-and-set attempts that found the value changed",
                tags);
        failed = counter(registry, p + "tasks.failed", "Runs ended by a task that threw", tags);
        cancelled = counter(registry, p + "tasks.cancelled", "Runs cancelled (interrupted) before they ended", tags);
        virtualThreads = counter(registry, p + "threads", "Virtual threads the lesson started (one per task)",
                tags.and("kind", "virtual"));
        platformThreads = counter(registry, p + "threads", "Distinct platform threads that ran tasks (pooled)",
                tags.and("kind", "platform"));
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** Counts each task's steps as they happen: its duration, its retries, and the thread it ran on. */
    public Trace trace() {
        return this::on;
    }

    private void on(Step step) {
        switch (step.kind()) {
            case START -> {
                started.put(step.task(), step.nanos());
                Thread current = Thread.currentThread();
                if (seenThreads.add(current.threadId())) {
                    (current.isVirtual() ? virtualThreads : platformThreads).increment();
                }
            }
            case RETRY -> retries.increment();
            case FINISH -> {
                Long start = started.remove(step.task());
                if (start != null) {
                    taskDuration.record(Duration.ofNanos(step.nanos() - start));
                }
            }
            case READ, WRITE -> { }
        }
    }

    /** A run ended; {@code lostUpdates} is 0 for a correct one. */
    public void ran(Duration took, long lostUpdates) {
        duration.record(took);
        if (lostUpdates == 0) {
            correct.increment();
        } else {
            lost.increment(lostUpdates);
        }
    }

    /** A run ended because a task threw. */
    public void failed(Duration took) {
        duration.record(took);
        failed.increment();
    }

    /** A run was interrupted before it ended. */
    public void cancelled(Duration took) {
        duration.record(took);
        cancelled.increment();
    }
}

package dev.vtlab.jfr;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ThreadKind;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * A measurement, not a test: what {@code --jfr} with {@code vtlab.jfc} costs against no recording, in one JVM.
 * Run it by hand after {@code ./mvnw -q test-compile}:
 * <pre>
 *   java --enable-preview -cp target/classes:target/test-classes:$(cat cp.txt) dev.vtlab.jfr.RecordingCost [N] [ROUNDS]
 * </pre>
 * (only target/classes and target/test-classes are needed). Scenario A is the baselines' hand-written one (§5):
 * N virtual threads that sleep 100 ms and then increment one synchronized counter. Scenario B is the counter lesson
 * itself, {@code --sync none --tasks 10000 --delay 100ms}, with the lab's own per-task events, also recorded with
 * {@code vtlab.jfc} less the lab's events, to tell their cost from the JDK's, and with {@code vtlab.TaskUpdate}
 * enabled but over a threshold no task reaches, to tell the trace's bookkeeping from writing the events. Each round runs once without and once
 * with each recording, alternating, after one warm-up of each; the ratios are of medians, of wall time and of the
 * process's CPU time (all threads, Flight Recorder's included), which a busy machine disturbs less. The last
 * round's recording is counted by event type.
 */
public final class RecordingCost {

    private RecordingCost() {
    }

    /** The guarded counter of scenario A. */
    private static final class Counter {
        private long count; // guarded by this

        synchronized void increment() {
            count++;
        }

        synchronized long value() {
            return count;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path folder = Files.createTempDirectory("vtlab-cost");
        Map<String, String> full = Profile.VTLAB.configuration().getSettings();
        Map<String, String> withoutLab = new HashMap<>(full);
        withoutLab.put("vtlab.TaskUpdate#enabled", "false");
        withoutLab.put("vtlab.LessonRun#enabled", "false");
        // Enabled, so the trace keeps its books and every event begins, ends and is committed, but no task takes an
        // hour: commit() writes nothing. What is left over vtlab.jfc less vtlab.* is the lab's side of the cost.
        Map<String, String> unwritten = new HashMap<>(full);
        unwritten.put("vtlab.TaskUpdate#threshold", "1 h");
        System.out.printf(Locale.ROOT, "%d rounds; load average %.2f%n", rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        measure("A: " + n + " virtual threads sleep 100 ms, then a synchronized increment", rounds, folder,
                () -> sleepThenIncrement(n), List.of(new Settings("vtlab.jfc", full)));
        measure("B: vtlab counter --sync none --tasks 10000 --delay 100ms, with the lab's task events", rounds,
                folder, RecordingCost::counterLesson, List.of(new Settings("vtlab.jfc", full),
                        new Settings("vtlab.jfc less vtlab.*", withoutLab),
                        new Settings("TaskUpdate unwritten", unwritten)));
        System.out.printf(Locale.ROOT, "load average %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private record Settings(String name, Map<String, String> values) {
    }

    /** One timed run: wall and process CPU nanoseconds, recording bytes, and the recording's events by type. */
    private record Run(long wall, long cpu, long bytes, Map<String, Long> events) {
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    private static void measure(String name, int rounds, Path folder, Scenario scenario, List<Settings> recordings)
            throws Exception {
        time(scenario, null, folder); // warm-up, every way
        for (Settings r : recordings) {
            time(scenario, r, folder);
        }
        List<Run> off = new ArrayList<>();
        Map<Settings, List<Run>> on = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            off.add(time(scenario, null, folder));
            for (Settings r : recordings) {
                on.computeIfAbsent(r, k -> new ArrayList<>()).add(time(scenario, r, folder));
            }
        }
        System.out.printf(Locale.ROOT, "%s%n  %-22s wall median %4.0f ms %s, CPU median %4.0f ms%n", name,
                "no recording:", median(off, Run::wall) / 1e6, ms(off), median(off, Run::cpu) / 1e6);
        on.forEach((settings, runs) -> System.out.printf(Locale.ROOT,
                "  %-22s wall median %4.0f ms %s, CPU median %4.0f ms; wall ratio %.3f, CPU ratio %.3f;"
                        + " recording %.2f MB%n    events of the last: %s%n", settings.name() + ":",
                median(runs, Run::wall) / 1e6, ms(runs), median(runs, Run::cpu) / 1e6,
                (double) median(runs, Run::wall) / median(off, Run::wall),
                (double) median(runs, Run::cpu) / median(off, Run::cpu), median(runs, Run::bytes) / 1e6,
                runs.getLast().events()));
    }

    private static Run time(Scenario scenario, Settings settings, Path folder) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (settings == null) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            scenario.run();
            return new Run(System.nanoTime() - start, os.getProcessCpuTime() - cpu, 0, Map.of());
        }
        Path file = Files.createTempFile(folder, "cost", ".jfr");
        long elapsed;
        long cpu;
        // As Recorder records (to disk, into a destination file), with settings that may leave events out.
        try (var recording = new Recording(settings.values())) {
            recording.setToDisk(true);
            recording.setDestination(file);
            recording.start();
            cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            scenario.run();
            elapsed = System.nanoTime() - start;
            cpu = os.getProcessCpuTime() - cpu;
            recording.stop();
        }
        long size = Files.size(file);
        Map<String, Long> events = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            events.merge(e.getEventType().getName(), 1L, Long::sum);
        }
        Files.delete(file);
        return new Run(elapsed, cpu, size, events);
    }

    private static void sleepThenIncrement(int n) {
        var counter = new Counter();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                executor.submit(() -> {
                    Thread.sleep(100); // the scenario's slow work, as in the baselines
                    counter.increment();
                    return null;
                });
            }
        }
        if (counter.value() != n) {
            throw new AssertionError("lost increments: " + counter.value());
        }
    }

    private static void counterLesson() throws Exception {
        var trace = new TaskUpdateTrace();
        var setup = new Setup(ThreadKind.VIRTUAL, Sync.NONE, CounterLesson.MAX_TASKS, Duration.ofMillis(100));
        var run = LessonRunEvent.begin("counter", "cost");
        var result = CounterLesson.race(setup, trace);
        trace.commit(result.history());
        run.finish("measured", result.grade().name());
    }

    private static long median(List<Run> runs, ToLongFunction<Run> value) {
        List<Long> sorted = runs.stream().map(value::applyAsLong).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String ms(List<Run> runs) {
        return runs.stream().map(r -> Long.toString(r.wall() / 1_000_000)).toList().toString();
    }
}

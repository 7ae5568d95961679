package dev.vtlab.jfr;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.sync.Sync;
import dev.vtlab.testing.RecorderNotes;
import dev.vtlab.threading.ThreadKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * A measurement, not a test: what {@code --jfr} with {@code vtlab.jfc} costs against no recording, in one JVM.
 * Run it by hand after {@code ./mvnw -q test-compile}:
 * <pre>
 *   java --enable-preview -cp target/classes:target/test-classes:$(cat cp.txt) dev.vtlab.jfr.RecordingCost [N] [ROUNDS]
 * </pre>
 * (only target/classes and target/test-classes are needed). Scenario A is the baselines' hand-written one (§5):
 * N virtual threads that sleep 100 ms and then increment one synchronized counter. Scenario B is the counter lesson
 * itself, {@code --sync none --tasks 10000 --delay 100ms}, with the lab's own per-task events. Each round runs
 * once without and once with a recording, alternating, after one warm-up of each; the ratio is of medians.
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
        measure("A: " + n + " virtual threads sleep 100 ms, then a synchronized increment", rounds, folder,
                () -> sleepThenIncrement(n));
        measure("B: vtlab counter --sync none --tasks 10000 --delay 100ms, with the lab's task events", rounds,
                folder, RecordingCost::counterLesson);
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    private static void measure(String name, int rounds, Path folder, Scenario scenario) throws Exception {
        time(scenario, null, folder); // warm-up, both ways
        time(scenario, Profile.VTLAB, folder);
        List<Long> off = new ArrayList<>();
        List<Long> on = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            off.add(time(scenario, null, folder)[0]);
            long[] recorded = time(scenario, Profile.VTLAB, folder);
            on.add(recorded[0]);
            sizes.add(recorded[1]);
        }
        System.out.printf(Locale.ROOT, "%s%n  no recording: median %.0f ms %s%n  vtlab.jfc:    median %.0f ms %s%n"
                        + "  ratio %.3f; recording %.2f MB (median of %d)%n", name, median(off) / 1e6, ms(off),
                median(on) / 1e6, ms(on), (double) median(on) / median(off), median(sizes) / 1e6, rounds);
    }

    /** {wall nanos of the scenario with the recording running, recording bytes}. */
    private static long[] time(Scenario scenario, Profile profile, Path folder) throws Exception {
        if (profile == null) {
            long start = System.nanoTime();
            scenario.run();
            return new long[] {System.nanoTime() - start, 0};
        }
        Path file = Files.createTempFile(folder, "cost", ".jfr");
        long elapsed;
        try (var recorder = Recorder.start(profile.configuration(), RecordingTarget.of(file), new RecorderNotes())) {
            long start = System.nanoTime();
            scenario.run();
            elapsed = System.nanoTime() - start;
        }
        long size = Files.size(file);
        Files.delete(file);
        return new long[] {elapsed, size};
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

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String ms(List<Long> values) {
        return values.stream().map(v -> Long.toString(v / 1_000_000)).toList().toString();
    }
}

package dev.vtlab.jfr;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.sync.Sync;
import dev.vtlab.testing.RecorderNotes;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A measurement, not a test: what saving a recording costs now that it is checked before "saved" is said. Run it by
 * hand after {@code ./mvnw -q test-compile}:
 * <pre>
 *   java --enable-preview -cp target/classes:target/test-classes:$(cat cp.txt) dev.vtlab.jfr.RecordingCheckCost
 * </pre>
 * It records the counter lesson twice (its default two tasks, and 10,000 tasks), each in 5 rounds after a warm-up,
 * and prints per round: {@link RecordingCheck} on the finished file (the first call in the JVM includes loading the
 * class) against parsing every event with {@code RecordingFile}, the rejected alternative; and the whole
 * {@link Recorder#close()} (dump, stop, check, move) against a bare {@code Recording.stop()} to a destination, which
 * is what close() did before it dumped and checked.
 */
public final class RecordingCheckCost {

    private RecordingCheckCost() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("vtlab-check-cost");
        for (int tasks : new int[] {2, CounterLesson.MAX_TASKS}) {
            var setup = new Setup(ThreadKind.VIRTUAL, Sync.NONE, tasks, Duration.ofMillis(100));
            List<String> rounds = new ArrayList<>();
            for (int round = 0; round <= 5; round++) {
                Path file = folder.resolve("check-" + tasks + "-" + round + ".jfr");
                var recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(file),
                        new RecorderNotes());
                lesson(setup);
                long start = System.nanoTime();
                recorder.close();
                long close = System.nanoTime() - start;
                start = System.nanoTime();
                var result = RecordingCheck.of(file);
                long check = System.nanoTime() - start;
                start = System.nanoTime();
                int events = RecordingFile.readAllEvents(file).size();
                long parse = System.nanoTime() - start;

                Path bare = folder.resolve("stop-" + tasks + "-" + round + ".jfr");
                long stop;
                try (var recording = new Recording(Profile.VTLAB.configuration())) {
                    recording.setDestination(bare);
                    recording.start();
                    lesson(setup);
                    start = System.nanoTime();
                    recording.stop();
                    stop = System.nanoTime() - start;
                }
                rounds.add(String.format(Locale.ROOT, "%s check %.2f ms (%s); parsing all %d events %.1f ms; close"
                        + " %.1f ms, bare stop %.1f ms", round == 0 ? "warm-up" : "round " + round, check / 1e6,
                        result, events, parse / 1e6, close / 1e6, stop / 1e6));
                Files.delete(file);
                Files.delete(bare);
            }
            System.out.println("counter --sync none --tasks " + tasks + " --delay 100ms:");
            rounds.forEach(r -> System.out.println("  " + r));
        }
    }

    private static void lesson(Setup setup) throws Exception {
        var trace = new TaskUpdateTrace();
        var run = LessonRunEvent.begin("counter", "check cost");
        var result = CounterLesson.race(setup, trace);
        trace.commit(result.history());
        run.finish("measured", result.grade().name());
    }
}

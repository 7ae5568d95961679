package dev.vtlab.cli;

import dev.vtlab.jfr.Recorder.Phase;
import dev.vtlab.testing.ChildVtlab;
import dev.vtlab.testing.ChildVtlab.Stop;
import dev.vtlab.testing.Recordings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lesson stopped by Ctrl-C's SIGINT or a SIGTERM, at any moment from before the recording starts to while it is
 * being stopped, ends in exactly one of two states: a whole recording (both the JDK's parser and JDK Mission
 * Control's read it) announced once, or no recording file and no temporary file, with no claim of "saved". Never an
 * internal error, a "Shutdown in progress" or a stack trace.
 *
 * <p>Each lesson runs in its own JVM, one per signal, side by side. The moment is fixed without sleeping: with the
 * test-only {@code -Dvtlab.test.pauseAt=PHASE} the run prints a marker at that phase and waits until its JVM begins
 * to exit; the test reads the marker and sends the signal; the run then carries on, racing the shutdown hooks as it
 * would have if the signal had landed there. Two cases use a line of the lesson instead: a lesson asleep in its racy
 * window, and the pinning lesson relaunched in a second JVM.
 */
class InterruptedRecordingTest {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration EXIT = Duration.ofSeconds(30);

    /**
     * A lesson stopped while its tasks sleep for a minute still leaves a whole recording. Both signals run side by
     * side, each in its own JVM and folder, to halve the wait for two JVMs.
     */
    @Test
    @Timeout(60)
    void aLessonStoppedPartWayLeavesAWholeRecording(@TempDir Path tmp) throws Exception {
        stopBoth(tmp, List.of(), line -> line.contains("starting update"),
                "counter", "--sync", "synchronized", "--delay", "60s");
        for (Stop stop : Stop.values()) {
            assertWhole(tmp.resolve(stop.name()).resolve("run.jfr"), children.get(stop));
        }
    }

    /**
     * The pinning lesson runs in a second JVM ({@link ChildJvm}); Ctrl-C on the first stops the second, whose
     * recording is saved, and the line that says so is relayed before the first JVM exits. (One signal only: the
     * first JVM forwards either as a SIGTERM, and two JVMs per run are slow enough.)
     */
    @Test
    @Timeout(60)
    void aStoppedPinningRelaunchSaysWhereItsRecordingWent(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("run.jfr");
        try (var child = ChildVtlab.start(tmp, true, List.of(),
                "pinning", "--lock", "synchronized", "--workers", "3", "--hold", "500ms", "--jfr=" + file)) {
            child.awaitLine(line -> line.startsWith("== pinning:"), START);
            child.signal(Stop.SIGINT);
            assertEquals(Stop.SIGINT.exitCode(), child.waitFor(EXIT), child.output());
            assertWhole(file, child);
        }
    }

    /** Each phase, with both signals; nothing is recorded yet at the first two, the rest have a recording running. */
    @ParameterizedTest
    @EnumSource(Phase.class)
    @Timeout(60)
    void aSignalAtAnyPhaseLeavesAWholeRecordingOrNone(Phase phase, @TempDir Path tmp) throws Exception {
        stopBoth(tmp, List.of("-D" + JfrOptions.PAUSE_AT + "=" + phase), line -> line.equals("vtlab-test: paused at "
                + phase), "counter", "--sync", "none", "--delay", "0", "--tasks", "2");
        for (Stop stop : Stop.values()) {
            switch (phase) {
                case BEFORE_START, STARTING -> assertNone(tmp.resolve(stop.name()), children.get(stop));
                case STARTED, LESSON, STOPPING, MOVING -> assertWhole(tmp.resolve(stop.name()).resolve("run.jfr"),
                        children.get(stop));
            }
        }
    }

    private final Map<Stop, ChildVtlab> children = new EnumMap<>(Stop.class); // the test thread's only

    /**
     * Starts {@code vtlab ARGS --jfr=FOLDER/run.jfr} once per signal, in {@code tmp/SIGINT} and {@code tmp/SIGTERM},
     * waits until each has printed the marker, signals each, and checks the JVM's exit code.
     */
    private void stopBoth(Path tmp, List<String> jvmOptions, Predicate<String> marker, String... args)
            throws Exception {
        for (Stop stop : Stop.values()) {
            Path folder = Files.createDirectory(tmp.resolve(stop.name()));
            List<String> argv = new ArrayList<>(List.of(args));
            argv.add("--jfr=" + folder.resolve("run.jfr"));
            children.put(stop, ChildVtlab.start(folder, stop == Stop.SIGINT, jvmOptions, argv.toArray(String[]::new)));
        }
        for (Stop stop : Stop.values()) {
            children.get(stop).awaitLine(marker, START);
            children.get(stop).signal(stop);
        }
        for (Stop stop : Stop.values()) {
            assertEquals(stop.exitCode(), children.get(stop).waitFor(EXIT), "the JVM's exit code for " + stop + ":\n"
                    + children.get(stop).output());
        }
    }

    @AfterEach
    void killTheChildren() {
        children.values().forEach(ChildVtlab::close);
    }

    /** The recording is whole, the only file in its folder, and was announced once, truthfully. */
    private static void assertWhole(Path file, ChildVtlab child) throws Exception {
        assertEquals(List.of(file), listing(file.getParent()), "one file, no temporary one:\n" + child.output());
        Map<String, Long> events = Recordings.countByType(file);
        assertTrue(events.containsKey("jdk.CPUInformation"), events.toString());
        assertEquals(events.get("jdk.CPUInformation"), Recordings.countByTypeWithJmc(file).get("jdk.CPUInformation"));
        String said = child.out() + "\n" + child.err();
        assertEquals(1, said.split("recording saved to", -1).length - 1, "said once:\n" + child.output());
        assertCalm(child);
    }

    /** No recording and no temporary file, and no claim that one was saved. */
    private static void assertNone(Path folder, ChildVtlab child) throws IOException {
        assertEquals(List.of(), listing(folder), "nothing left behind:\n" + child.output());
        assertFalse((child.out() + child.err()).contains("saved"), child.output());
        assertCalm(child);
    }

    private static void assertCalm(ChildVtlab child) {
        String said = child.out() + "\n" + child.err();
        for (String never : List.of("internal error", "Shutdown in progress", "Exception", "\tat ")) {
            assertFalse(said.contains(never), "'" + never + "' in:\n" + child.output());
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}

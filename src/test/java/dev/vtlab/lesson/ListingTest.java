package dev.vtlab.lesson;

import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.lesson.Listing.Snippet;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --code} prints the code that runs, not a copy: the regions come from the source files themselves, and the
 * lines a run really executes (seen in Flight Recorder's stack traces of the tasks' sleeps and of the caller's wait)
 * all lie inside the regions printed for that run, and every printed region of the tasks' path is executed.
 */
class ListingTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/vtlab");

    static Stream<Object[]> everyGuardAndKind() {
        return Stream.of(Sync.values()).flatMap(sync -> Stream.of(ThreadKind.values())
                .map(kind -> new Object[] {sync, kind}));
    }

    /** Each printed region is, line for line, the region of the source file in the repository. */
    @ParameterizedTest
    @MethodSource("everyGuardAndKind")
    @Timeout(10)
    void printsTheRegionsOfTheSourceFilesThemselves(Sync sync, ThreadKind kind) throws IOException {
        for (Snippet s : Listing.race("lesson/CounterLesson.java", sync, kind)) {
            List<String> file = Files.readAllLines(SOURCES.resolve(s.file()));
            Snippet fromRepo = Snippet.region(s.caption(), s.file(), s.region(), file);
            assertEquals(fromRepo, s, s.file() + " " + s.region());
            for (int i = 0; i < s.lines().size(); i++) {
                assertEquals(s.lines().get(i).strip(), file.get(s.firstLine() - 1 + i).strip(),
                        "line " + (s.firstLine() + i) + " of " + s.file());
            }
        }
    }

    /**
     * Runs the lesson with a real 1 ms sleep under Flight Recorder. Every stack frame of the tasks' sleeps and of
     * the caller's wait that lies in a listed file lies inside a listed region of it, and every region on the tasks'
     * path (all but the executor's constructor, which runs before any task) holds at least one of those frames.
     */
    @ParameterizedTest
    @MethodSource("everyGuardAndKind")
    @Timeout(30)
    void theLinesARunExecutesLieInsideThePrintedRegions(Sync sync, ThreadKind kind, @TempDir Path tmp)
            throws Exception {
        List<Snippet> listing = Listing.race("lesson/CounterLesson.java", sync, kind);
        Path file = tmp.resolve("run.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            CounterLesson.run(new Setup(kind, sync, 2, Duration.ofMillis(20)), Trace.none());
            recording.stop();
            recording.dump(file);
        }
        Set<String> files = new HashSet<>();
        listing.forEach(s -> files.add(s.file()));
        Set<Snippet> hit = new HashSet<>();
        int checked = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() == null) {
                continue;
            }
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String path = sourceFile(frame);
                if (path == null || !files.contains(path)) {
                    continue;
                }
                int line = frame.getLineNumber();
                if (line < 0) {
                    continue; // a lambda's generated class: its body is the lambda$ method, on the next frame
                }
                Snippet in = listing.stream().filter(s -> s.file().equals(path)
                        && s.firstLine() <= line && line <= s.lastLine()).findFirst().orElse(null);
                assertTrue(in != null, path + " line " + line + " (" + frame.getMethod().getName() + ") ran, but"
                        + " no printed region holds it");
                hit.add(in);
                checked++;
            }
        }
        assertTrue(checked > 0, "no frame of the lesson was recorded");

        // The writes come after the last sleep, so no sleep's stack shows them: a pause after each write looks at
        // its own stack instead (its own lambda, a test's, is not the lesson's code).
        List<StackWalker.StackFrame> afterWrites = new CopyOnWriteArrayList<>();
        CounterLesson.run(new Setup(kind, sync, 2, Duration.ZERO), Trace.none(), task -> point -> {
            if (point == Point.AFTER_WRITE) {
                afterWrites.addAll(StackWalker.getInstance().walk(frames -> frames.toList()));
            }
        });
        for (StackWalker.StackFrame frame : afterWrites) {
            String path = sourceFile(frame.getClassName());
            if (path == null || !files.contains(path) || frame.getClassName().startsWith(getClass().getName())) {
                continue;
            }
            int line = frame.getLineNumber();
            Snippet in = listing.stream().filter(s -> s.file().equals(path)
                    && s.firstLine() <= line && line <= s.lastLine()).findFirst().orElse(null);
            assertTrue(in != null, path + " line " + line + " (" + frame.getMethodName() + ") ran, but"
                    + " no printed region holds it");
            hit.add(in);
        }
        for (Snippet s : listing) {
            boolean constructor = s.region().equals("platform") || s.region().equals("virtual");
            if (!constructor) {
                assertTrue(hit.contains(s), s.file() + " region " + s.region() + " is printed but never ran");
            }
        }
    }

    @Test
    @Timeout(10)
    void aMissingRegionIsAnError() {
        var e = assertThrows(IllegalStateException.class, () -> Snippet.load("x", "sync/Update.java", "nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertFalse(Snippet.region("x", "f", "r", List.of("// code:begin r", "  a", "    b", "// code:end r"))
                .lines().isEmpty());
        assertEquals(List.of("a", "  b"),
                Snippet.region("x", "f", "r", List.of("// code:begin r", "  a", "    b", "// code:end r")).lines());
    }

    /** {@code sync/LockGuard.java} for a frame of {@code dev.vtlab.sync.LockGuard} (or a nested class of it). */
    private static String sourceFile(RecordedFrame frame) {
        if (!frame.isJavaFrame()) {
            return null;
        }
        return sourceFile(frame.getMethod().getType().getName());
    }

    private static String sourceFile(String type) {
        if (!type.startsWith("dev.vtlab.")) {
            return null;
        }
        String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
        return outer.substring("dev.vtlab.".length()).replace('.', '/') + ".java";
    }

}

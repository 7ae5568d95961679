package dev.vtlab.lesson;

import dev.vtlab.lesson.Listing.Snippet;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --code} prints the code that runs, not a copy: the regions come from the source files themselves, and the
 * lines a run really executes all lie inside the regions printed for it, and every printed region runs. What runs
 * is read off stacks: Flight Recorder's stack of every sleep of the tasks and every park of the caller (and of
 * platform threads waiting their turn), and, for the writes that come after the last sleep, a pause after each
 * write that walks its own stack. A line outside the regions is allowed only outward of a frame of the same file
 * inside one: an overload or caller in that file that hands over to the printed code, not code that races.
 */
class ListingTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/vtlab");

    /** A lesson to list and run: its file, its listing, a run with a pause after each write. */
    record Case(String name, String lessonFile, List<Snippet> listing, Run run) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Run {
        /** Runs the lesson with {@code delay} and {@code afterWrite} as an extra pause of every task. */
        void run(Duration delay, Pause afterWrite) throws Exception;
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (Sync sync : Sync.values()) {
            for (ThreadKind kind : ThreadKind.values()) {
                all.add(new Case("counter " + sync.cliName() + " " + kind.cliName(), "lesson/CounterLesson.java",
                        Listing.counter(sync, kind), (delay, extra) -> CounterLesson.race(
                                new CounterLesson.Setup(kind, sync, 2, delay), Trace.none(),
                                task -> delay.isZero() ? extra : Pause.sleepAfterRead(delay))));
                all.add(new Case("account " + sync.cliName() + " " + kind.cliName(), "lesson/AccountLesson.java",
                        Listing.account(sync, kind, false), (delay, extra) -> AccountLesson.race(
                                account(sync, kind, delay, null), Trace.none(), (trial, name) -> extra)));
            }
        }
        // A forced order parks the waiting task on a condition: platform threads record that park with its stack.
        all.add(new Case("account none platform --schedule", "lesson/AccountLesson.java",
                Listing.account(Sync.NONE, ThreadKind.PLATFORM, true), (delay, extra) -> AccountLesson.race(
                        account(Sync.NONE, ThreadKind.PLATFORM, delay, Schedule.DEPOSIT_LOST), Trace.none(),
                        (trial, name) -> extra)));
        return all.stream();
    }

    private static AccountLesson.Setup account(Sync sync, ThreadKind kind, Duration delay, Schedule schedule) {
        return new AccountLesson.Setup(kind, sync, AccountLesson.START, Transaction.named(AccountLesson.DEFAULT_AMOUNTS),
                delay, Duration.ofMillis(1), 3, false, schedule);
    }

    /** Each printed region is, line for line, the region of the source file in the repository. */
    @ParameterizedTest
    @MethodSource("cases")
    @Timeout(10)
    void printsTheRegionsOfTheSourceFilesThemselves(Case c) throws IOException {
        for (Snippet s : c.listing()) {
            List<String> file = Files.readAllLines(SOURCES.resolve(s.file()));
            assertEquals(Snippet.region(s.caption(), s.file(), s.region(), file), s, s.file() + " " + s.region());
            for (int i = 0; i < s.lines().size(); i++) {
                assertEquals(s.lines().get(i).strip(), file.get(s.firstLine() - 1 + i).strip(),
                        "line " + (s.firstLine() + i) + " of " + s.file());
            }
            assertTrue(s.lines().stream().allMatch(l -> l.length() <= 76), s.file() + " " + s.region()
                    + " has a line wider than 76 columns, which --code prints indented by 4");
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    @Timeout(30)
    void theLinesARunExecutesLieInsideThePrintedRegions(Case c, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("run.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            c.run().run(Duration.ofMillis(20), Pause.none());
            recording.stop();
            recording.dump(file);
        }
        List<List<Frame>> stacks = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() != null) {
                stacks.add(event.getStackTrace().getFrames().stream().filter(f -> f.isJavaFrame())
                        .map(f -> new Frame(f.getMethod().getType().getName(), f.getMethod().getName(),
                                f.getLineNumber())).toList());
            }
        }
        // The writes come after the last sleep, and the arrival before the first, so no sleep's stack shows them
        // without a jitter: a pause at both looks at its own stack instead (its own frames, the test's, left out).
        List<List<Frame>> afterWrites = new CopyOnWriteArrayList<>();
        c.run().run(Duration.ZERO, point -> {
            if (point == Point.AFTER_WRITE || point == Point.ARRIVE) {
                afterWrites.add(StackWalker.getInstance().walk(frames -> frames
                        .filter(f -> !f.getClassName().startsWith(ListingTest.class.getName()))
                        .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getLineNumber())).toList()));
            }
        });
        stacks.addAll(afterWrites);

        Set<Snippet> hit = new HashSet<>();
        int checked = 0;
        for (List<Frame> stack : stacks) {
            checked += check(c, stack, hit);
        }
        assertTrue(checked > 0, "no frame of the lesson was recorded");
        for (Snippet s : c.listing()) {
            boolean constructor = s.region().equals("platform") || s.region().equals("virtual");
            if (!constructor) {
                assertTrue(hit.contains(s), s.file() + " region " + s.region() + " is printed but never ran");
            }
        }
    }

    /** One stack, innermost frame first: checks its frames in listed files, adds the regions they hit. */
    private static int check(Case c, List<Frame> stack, Set<Snippet> hit) {
        Set<String> files = new HashSet<>();
        c.listing().forEach(s -> files.add(s.file()));
        Set<String> entered = new HashSet<>(); // files with a frame inside a region, further in
        int checked = 0;
        for (Frame f : stack) {
            String path = f.sourceFile();
            if (path == null || !files.contains(path) || f.line() < 0) {
                continue; // not a listed file, or a lambda's generated class (its body is the next frame)
            }
            Function<Snippet, Boolean> holds = s -> s.file().equals(path)
                    && s.firstLine() <= f.line() && f.line() <= s.lastLine();
            Snippet in = c.listing().stream().filter(holds::apply).findFirst().orElse(null);
            if (in == null && entered.contains(path)) {
                continue; // outward of this file's printed code: a caller in the same file that hands over to it
            }
            assertTrue(in != null, c + ": " + path + " line " + f.line() + " (" + f.method() + ") ran, but no"
                    + " printed region holds it; stack " + stack);
            entered.add(path);
            hit.add(in);
            checked++;
        }
        return checked;
    }

    record Frame(String type, String method, int line) {
        /** {@code sync/LockGuard.java} for a frame of {@code dev.vtlab.sync.LockGuard} or a class nested in it. */
        String sourceFile() {
            if (!type.startsWith("dev.vtlab.")) {
                return null;
            }
            String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
            return outer.substring("dev.vtlab.".length()).replace('.', '/') + ".java";
        }
    }

    @Test
    @Timeout(10)
    void aMissingRegionIsAnError() {
        var e = assertThrows(IllegalStateException.class, () -> Snippet.load("x", "lesson/CounterLesson.java", "nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertFalse(Snippet.region("x", "f", "r", List.of("// code:begin r", "  a", "    b", "// code:end r"))
                .lines().isEmpty());
        assertEquals(List.of("a", "  b"),
                Snippet.region("x", "f", "r", List.of("// code:begin r", "  a", "    b", "// code:end r")).lines());
    }
}

package dev.vtlab.lesson;

import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ScopeCode;
import dev.vtlab.threading.ThreadKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The code a race lesson runs, as {@code --code} prints it: regions of the lab's own source, not a copy that could
 * drift. The build puts {@code src/main/java} into the jar under {@code /source/}, and a region is the lines
 * between {@code // code:begin NAME} and {@code // code:end NAME} in one file. {@code ListingTest} proves that the
 * lines a run executes lie inside the regions printed for it.
 *
 * @param title    what the listing is of, for example {@code counter --sync lock --threads virtual}
 * @param snippets the regions, in the order the code runs them
 */
public record Listing(String title, List<Snippet> snippets) {

    /** Where the sources sit in the repository, and in the jar under {@code /source/}. */
    public static final String SOURCE_ROOT = "src/main/java/";
    private static final String PACKAGE_PATH = "dev/vtlab/";
    /**
     * A file named {@code java25/threading/StructuredRunner.java} is {@code src/main/java25/dev/vtlab/...}, the code
     * JDK 25 runs (and {@code java26/...} JDK 26's); the jar carries them under {@code /source-java25/} and
     * {@code /source-java26/}.
     */
    private static final Pattern RELEASE_ROOT = Pattern.compile("(java\\d+)/(.*)");

    public Listing {
        snippets = List.copyOf(snippets);
    }

    /**
     * One region of one source file.
     *
     * @param caption   what the region does in the run, in a few words
     * @param file      the file, relative to {@code src/main/java/dev/vtlab/}: {@code sync/LockGuard.java}
     * @param region    the region's name in that file
     * @param firstLine the line number of the region's first line in the file (1-based)
     * @param lines     the region's lines, without their common indentation
     */
    public record Snippet(String caption, String file, String region, int firstLine, List<String> lines) {
        public Snippet {
            lines = List.copyOf(lines);
        }

        /** The line number of the region's last line. */
        public int lastLine() {
            return firstLine + lines.size() - 1;
        }

        /** Reads region {@code region} of {@code file} (relative to {@code dev/vtlab/}) from the jar's sources. */
        public static Snippet load(String caption, String file, String region) {
            var release = RELEASE_ROOT.matcher(file);
            String resource = release.matches()
                    ? "/source-" + release.group(1) + "/" + PACKAGE_PATH + release.group(2)
                    : "/source/" + PACKAGE_PATH + file;
            try (InputStream in = Listing.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the build left out the source " + resource);
                }
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return region(caption, file, region, reader.lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }

        /** Region {@code region} of a file's {@code source} lines. */
        static Snippet region(String caption, String file, String region, List<String> source) {
            int begin = -1;
            int end = -1;
            for (int i = 0; i < source.size(); i++) {
                String line = source.get(i).strip();
                if (line.equals("// code:begin " + region)) {
                    begin = i;
                } else if (line.equals("// code:end " + region) && begin >= 0) {
                    end = i;
                    break;
                }
            }
            if (begin < 0 || end < 0) {
                throw new IllegalStateException(file + " has no region '" + region + "' (// code:begin " + region
                        + " ... // code:end " + region + ")");
            }
            List<String> lines = source.subList(begin + 1, end);
            int indent = lines.stream().filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            List<String> dedented = new ArrayList<>();
            for (String l : lines) {
                dedented.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
            }
            return new Snippet(caption, file, region, begin + 2, dedented);
        }
    }

    /** What the counter lesson runs for this guard and thread kind. */
    public static List<Snippet> counter(Sync sync, ThreadKind threads) {
        List<Snippet> all = new ArrayList<>();
        all.add(Snippet.load("The tasks: one update each, all under one guard; then run them all",
                "lesson/CounterLesson.java", "tasks"));
        race(all, sync, threads);
        return all;
    }

    /**
     * What the account lesson runs: each trial's account, guard and transactions, their pauses (the jitter, the
     * forced order of {@code --schedule} if any, the delay), how the trials run, then what every race lesson runs.
     */
    public static List<Snippet> account(Sync sync, ThreadKind threads, boolean scheduled) {
        List<Snippet> all = new ArrayList<>();
        String lesson = "lesson/AccountLesson.java";
        all.add(Snippet.load("One trial: its account, its guard, a task per transaction", lesson, "tasks"));
        all.add(Snippet.load("How its pauses chain", "sync/Pause.java", "andThen"));
        all.add(Snippet.load("The jitter: a random pause before each transaction", lesson, "jitter"));
        if (scheduled) {
            all.add(Snippet.load("The forced order (--schedule): each read and write waits its turn",
                    "sync/Sequencer.java", "turns"));
            all.add(Snippet.load("Waiting for a turn, and passing it on", "sync/Sequencer.java", "await"));
        }
        all.add(Snippet.load("The trials: in waves, four at a time (or one after another)", lesson, "trials"));
        race(all, sync, threads);
        return all;
    }

    /** The {@code StructuredRunner} source that runs on JDK {@code release}. */
    static String structuredRunner(int release) {
        return (release == 21 ? "" : "java" + release + "/") + "threading/StructuredRunner.java";
    }

    /**
     * What the failure lesson's caller runs, way by way; for the scope ways (3 to 5) JDK 21's code and then JDK
     * 25's, whatever JDK this is, so the two APIs can be read side by side.
     */
    public static List<Snippet> failure() {
        String join = "threading/Join.java";
        List<Snippet> all = new ArrayList<>();
        all.add(Snippet.load("Way 1: submit, never get()", join, "fire-and-forget"));
        all.add(Snippet.load("Way 2: Future.get() in submission order", join, "get-in-order"));
        record Way(int number, String region, String jdk21, String jdk25) {
        }
        for (Way way : List.of(
                new Way(3, "all", "ShutdownOnFailure", "open(), the default joiner"),
                new Way(4, "any", "ShutdownOnSuccess", "Joiner.anySuccessfulResultOrThrow()"),
                new Way(5, "deadline", "joinUntil(Instant)", "withTimeout(Duration)"))) {
            all.add(Snippet.load("Way " + way.number() + " on JDK 21: " + way.jdk21(), structuredRunner(21),
                    way.region()));
            all.add(Snippet.load("Way " + way.number() + " on JDK 25: " + way.jdk25(), structuredRunner(25),
                    way.region()));
        }
        return all;
    }

    /**
     * What every race lesson's tasks run after the lesson made them: how they start and how the caller waits for
     * them, the guard each runs under, and the update inside it.
     */
    private static void race(List<Snippet> all, Sync sync, ThreadKind threads) {
        switch (threads) {
            case PLATFORM, VIRTUAL -> {
                all.add(Snippet.load("How they start, and how the caller waits for them (a with block)",
                        "threading/ThreadKind.java", "executor"));
                all.add(Snippet.load("The executor of --threads " + threads.cliName(), "threading/ThreadKind.java",
                        threads.cliName()));
                all.add(Snippet.load("Submitting, then one wait for them all; the first failure cancels the rest",
                        "threading/ThreadKind.java", "running"));
            }
            case SCOPE -> all.add(Snippet.load("How they start, and how the caller waits for them (a scope)",
                    structuredRunner(ScopeCode.release()), "scope"));
        }
        String guard = "sync/" + sync.newGuard().getClass().getSimpleName() + ".java";
        all.add(Snippet.load("What each task runs under --sync " + sync.cliName(), guard, sync.cliName()));
        all.add(Snippet.load("Its arrival, before the guard", "lesson/CounterLesson.java", "arrive"));
        switch (sync) {
            case NONE, SYNCHRONIZED, LOCK -> {
                all.add(Snippet.load("The update: the notebook's FakeDatabase.update", "lesson/CounterLesson.java", "update"));
                all.add(Snippet.load("Its read, add and pause", "lesson/CounterLesson.java", "read-add"));
                all.add(Snippet.load("The pause: --delay", "sync/Pause.java", "sleep"));
                all.add(Snippet.load("Its write", "lesson/CounterLesson.java", "write"));
                all.add(Snippet.load("After a write", "lesson/CounterLesson.java", "wrote"));
            }
            case CAS -> {
                all.add(Snippet.load("The read, add and pause it retries", "lesson/CounterLesson.java", "read-add"));
                all.add(Snippet.load("The pause: --delay", "sync/Pause.java", "sleep"));
                all.add(Snippet.load("The compare-and-set", "lesson/CounterLesson.java", "compare-and-set"));
                all.add(Snippet.load("After a write", "lesson/CounterLesson.java", "wrote"));
            }
        }
    }
}

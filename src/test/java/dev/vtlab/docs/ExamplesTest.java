package dev.vtlab.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtlab.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every example is true. Every example line of every {@code --help} and every command the README shows is found
 * here by reading the help texts and the README, and each must have a check below: the test runs the command
 * literally, with bash, in a scratch folder where {@code ./vtlab} is a shim for this build's jar, and asserts what
 * the example says it does. A new example without a check fails {@link #everyExampleHasACheck}. Commands of the
 * launcher itself (building, testing, finding a JDK) cannot run from the jar: they are run by {@code .ci/examples},
 * which {@code .ci/run} calls, and this test checks that the script holds each of them.
 */
class ExamplesTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", "."));
    /** The JDK the examples run on: 21, or 25 in the run of the tests tagged jdk25 against the jar. */
    private static final int JDK = Runtime.version().feature();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a check sees of one run. */
    record Result(int exit, String out, String err, Path dir) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        /** The output with every run of spaces and line breaks as one space: a phrase the lab wrapped reads whole. */
        String text() {
            return out.replaceAll("\\s+", " ");
        }

        /** The number in the first line that matches {@code regex}'s group 1. */
        double number(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
            assertTrue(m.find(), "no line matches " + regex + "\n" + this);
            return Double.parseDouble(m.group(1).replace(",", ""));
        }

        /** The count of trials the account distribution shows for {@code balance}, 0 if it has no such row. */
        long trials(long balance) {
            Matcher m = Pattern.compile("^\\s+" + balance + "\\s+(\\d+)\\s+\\d+\\.\\d%", Pattern.MULTILINE)
                    .matcher(out.substring(Math.max(0, out.indexOf("Observed in"))));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    @FunctionalInterface
    interface Check {
        void check(Result r) throws Exception;
    }

    /**
     * Examples that run {@code vtlab bench}: each row in its own JVM, 10 to 40 s an example on this machine kind, so
     * they run with the tag {@code slow}, outside {@code ./vtlab test}, from {@code .ci/examples}.
     */
    static boolean slow(String command) {
        return command.startsWith("./vtlab bench ");
    }

    /**
     * Examples whose outcome depends on the JDK: they run on JDK 21 with the others, and again on JDK 25 in the run
     * of the tests tagged jdk25 (the shim's java is then JDK 25's, its class path the jar), and their checks say what
     * each JDK shows. The README's {@code ./vtlab --jdk 25 ...} forms of them are the launcher's, in .ci/examples.
     */
    static final Set<String> ON_JDK25 = Set.of(
            "./vtlab pinning",
            "./vtlab pinning --lock class-init",
            "./vtlab pinning --format json | jq '.runs[].heartbeatWorstDelayMs'",
            "./vtlab pinning --jfr=pinning.jfr && ./vtlab jfr pinning.jfr",
            "./vtlab failure",
            "./vtlab failure --format json | jq -c '.runs[] | [.way, .grade]'",
            "./vtlab counter --sync synchronized --metrics",
            "./vtlab account --metrics");

    /** Commands that only the launcher runs; {@code .ci/examples} runs each (and {@code .ci/run} runs the tests). */
    static final Set<String> LAUNCHER = Set.of(
            "./vtlab test",
            "./vtlab jdk",
            "./vtlab jdk 25",
            "./vtlab build-jdk 25",
            "./vtlab --jdk 25 pinning",
            "./vtlab --jdk 25 pinning --lock class-init",
            "./vtlab --jdk 25 failure",
            "./vtlab --jdk 25 counter --sync synchronized --metrics",
            "./vtlab --jdk 21,25 pinning",
            "./vtlab --jdk 21,25 failure --format json | jq -r '.differences[]'",
            "./vtlab --jdk 26 pinning --lock class-init",
            "\"$(./vtlab build-jdk 25)/bin/java\" --enable-preview -jar target/vtlab.jar pinning",
            "./vtlab build -Pjmh && ./vtlab bench locks --jmh --quick",
            "./vtlab test -Dvtlab.excludedGroups= -Dgroups=stress",
            "\"$(./vtlab jdk 21)/bin/jfr\" configure --input jfr-profiles/vtlab.jfc --output my.jfc",
            "\"$(./vtlab jdk 21)/bin/java\" -XX:StartFlightRecording:settings=jfr-profiles/vtlab.jfc,filename=x.jfr"
                    + " --enable-preview -jar target/vtlab.jar counter");

    static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    private static void check(String command, Check check) {
        if (CHECKS.put(command, check) != null) {
            throw new IllegalStateException("two checks for " + command);
        }
    }

    private static void ok(Result r) {
        assertEquals(0, r.exit(), r.toString());
    }

    /** A --format html example: nothing on stdout, and a whole page with pictures that loads nothing. */
    private static void page(Result r, String file) {
        ok(r);
        try {
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(r.dir().resolve(file).toFile());
            assertTrue(page.title().startsWith("vtlab "), page.title());
            assertTrue(page.select("svg").size() > 0, "a picture\n" + page.outerHtml());
            assertEquals(0, page.select("script, link, img, iframe").size(), "loads nothing");
            assertTrue(page.outerHtml().strip().endsWith("</html>"), "whole");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static {
        // ---- ./vtlab --help and the README's first steps
        check("./vtlab", r -> {
            ok(r);
            assertTrue(r.out().contains("Lessons, in teaching order"), r.toString());
        });
        check("./vtlab --help", r -> {
            ok(r);
            assertTrue(r.out().contains("counter") && r.out().contains("Exit codes:"), r.toString());
        });
        check("./vtlab counter", r -> {
            ok(r);
            String out = r.out();
            int lock = out.indexOf("== counter: a ReentrantLock ==");
            assertTrue(out.indexOf("== counter: no synchronisation ==") == 0 && lock > 0, r.toString());
            assertTrue(out.substring(0, lock).contains("Testing update. Ending value is 10."), r.toString());
            assertTrue(out.substring(lock).contains("Testing update. Ending value is 20."), r.toString());
        });
        check("./vtlab account", r -> {
            ok(r);
            assertTrue(r.out().contains("deposit thread updating..."), "trial 1 as a story\n" + r);
            assertTrue(r.out().contains("Observed in 1000 trials"), r.toString());
            assertTrue(r.trials(150) > 0 && r.trials(-50) > 0, "both 150 and -50 happen\n" + r);
        });
        check("./vtlab pinning", r -> {
            ok(r);
            double sync = r.number("^  synchronized\\s+([\\d.,]+) ms");
            double lock = r.number("^  a ReentrantLock\\s+([\\d.,]+) ms");
            if (JDK == 21) {
                assertTrue(sync > 300 && lock < 100, "synchronized stalls ~600 ms, a lock does not\n" + r);
            } else {
                // no worker keeps a carrier for a hold (200 ms); a busy machine may delay a tick, less than that
                assertTrue(sync < 200 && lock < 200, "JEP 491: synchronized stalls nothing on " + JDK + "\n" + r);
                assertTrue(r.text().contains("Since JDK 24 (JEP 491)"), r.toString());
            }
        });
        check("./vtlab failure", r -> {
            ok(r);
            assertTrue(r.out().contains("1 submit, never get()") && r.out().contains("success (the failure was lost)"),
                    r.toString());
            assertTrue(r.out().matches(JDK == 21
                    ? "(?s).*3 ShutdownOnFailure\\s+\\d+ .*ExecutionException\\(Illegal.*"
                    : "(?s).*3 open\\(\\)\\s+\\d+ .*FailedException\\(Illegal.*"), r.toString());
            assertTrue(r.out().matches("(?s).*\\n5 \\S.*\\s\\d+\\s+-\\s+TimeoutException\\n.*"), r.toString());
        });
        check("./vtlab counter --help", r -> {
            ok(r);
            assertTrue(r.out().contains("Options:") && r.out().contains("Examples:"), r.toString());
        });
        check("./vtlab counter --jfr=counter.jfr && ./vtlab jfr counter.jfr", r -> {
            ok(r);
            assertTrue(Files.size(r.dir().resolve("counter.jfr")) > 0, r.toString());
            assertTrue(r.out().contains("vtlab.LessonRun") || r.out().contains("counter"), r.toString());
        });
        check("./vtlab counter --metrics", r -> {
            ok(r);
            assertTrue(r.out().contains("Metrics") && r.out().contains("vtlab.counter.updates.lost"), r.toString());
        });
        check("source <(./vtlab completion bash)", r -> ok(r));
        check("./vtlab completion bash >> ~/.bash_completion", r -> {
            ok(r);
            Path file = r.dir().resolve("home/.bash_completion");
            assertTrue(Files.readString(file).contains("_complete_vtlab"), r.toString());
        });

        // ---- counter --help
        check("./vtlab counter --sync lock", r -> {
            ok(r);
            List<String> lines = r.out().lines().filter(l -> l.matches("task \\d: .*")).toList();
            String first = lines.get(0).substring(0, 6);
            String second = first.equals("task 1") ? "task 2" : "task 1";
            List<String> turns = lines.stream().filter(l -> !l.contains("waiting")).toList();
            assertEquals(List.of(first + ": starting update", first + ": finishing update",
                    second + ": starting update", second + ": finishing update"), turns, "the tasks take turns");
            // The second says it waits if it arrived while the first held the lock, which is nearly always (the
            // first holds it 100 ms); on a machine too busy to start it sooner it arrives later and needs no wait.
            List<String> waits = lines.stream().filter(l -> l.contains("waiting")).toList();
            assertTrue(waits.isEmpty() || (waits.equals(List.of(second + ": waiting for the lock (" + first
                    + " holds it)")) && lines.indexOf(waits.getFirst()) == 1), r.toString());
            assertTrue(r.out().contains("Ending value is 20."), r.toString());
        });
        check("./vtlab counter --sync cas -v", r -> {
            ok(r);
            assertTrue(r.out().contains("read 0") && r.out().contains("wrote 10"), "each read and write\n" + r);
            assertTrue(r.out().contains("compare-and-set failed") && r.out().contains("Ending value is 20."),
                    "the failed CAS retries\n" + r);
        });
        check("./vtlab counter --code --sync lock", r -> {
            ok(r);
            for (String part : List.of("lesson/CounterLesson.java", "try (ExecutorService executor",
                    "sync/LockGuard.java", "lock.lockInterruptibly();", "lock.unlock();", "readAddWrite")) {
                assertTrue(r.out().contains(part), part + "\n" + r);
            }
        });
        check("./vtlab counter --no-join", r -> {
            ok(r);
            assertTrue(r.out().contains("caller: read 0 before waiting for the tasks"), r.toString());
            assertTrue(r.out().contains("Read before the wait: 0") && r.out().contains("after it: 20."),
                    r.toString());
        });
        check("./vtlab counter --sync none --threads platform", r -> {
            ok(r);
            assertTrue(r.out().contains("platform threads (a fixed pool)") && r.out().contains("a lost update"),
                    r.toString());
        });
        check("./vtlab counter --sync none --tasks 100 --delay 10ms", r -> {
            ok(r);
            double ending = r.number("Ending value is (\\d+)\\.");
            assertTrue(ending < 500, "most of the 100 updates are lost (ended at " + ending + ")\n" + r);
        });
        check("./vtlab counter --delay 0", r -> {
            ok(r); // "usually ends at 20": a tendency, not a promise; the run must only complete
            assertTrue(r.out().contains("== counter: a ReentrantLock =="), r.toString());
        });
        check("./vtlab counter --jfr", r -> {
            ok(r);
            try (Stream<Path> files = Files.list(r.dir().resolve("recordings"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("counter-.*\\.jfr")),
                        r.toString());
            }
        });
        check("./vtlab counter --metrics=prometheus", r -> {
            ok(r);
            assertTrue(r.out().contains("# TYPE vtlab_counter_updates_lost_total counter"), r.toString());
        });
        check("./vtlab counter --sync lock --format json | jq '.runs[0].actual'", r -> {
            ok(r);
            assertEquals("20", r.out().strip());
        });
        check("./vtlab counter --format html > counter.html", r -> page(r, "counter.html"));

        // ---- account --help
        check("./vtlab account --trials 1 --delay 100ms --jitter 0", r -> {
            ok(r);
            assertTrue(r.out().matches("(?s).*ending balance of (-50|150).*"), "a lost update\n" + r);
        });
        check("./vtlab account --jitter 0", r -> {
            ok(r);
            assertTrue(r.trials(-50) > 500, "nearly always the deposit is lost\n" + r);
        });
        check("./vtlab account --delay deposit=2ms,withdrawal=5ms --jitter 0", r -> {
            ok(r);
            assertTrue(r.trials(-50) > 800, "the deposit is lost in nearly every trial\n" + r);
            assertTrue(r.text().contains("the shorter delay (2 ms against 5 ms)"), r.toString());
        });
        check("./vtlab account --delay deposit=5ms,withdrawal=2ms --jitter 0", r -> {
            ok(r);
            assertTrue(r.trials(150) > 800, "the withdrawal is lost\n" + r);
        });
        check("./vtlab account --sync lock", r -> {
            ok(r);
            assertTrue(r.out().contains("All 1000 trials ended at 0"), r.toString());
        });
        check("./vtlab account --schedule withdrawal-lost --timeline", r -> {
            ok(r);
            assertTrue(r.trials(150) == 1000 && r.out().contains("Timeline of trial 1"), r.toString());
        });
        check("./vtlab account --ops=+50,-150,+20", r -> {
            ok(r);
            assertTrue(r.out().contains("the 90 interleavings of 3 reads and 3 writes"), r.toString());
            String model = r.out().substring(r.out().indexOf("Predicted:"), r.out().indexOf("The shares are"));
            assertEquals(7, model.lines().filter(l -> l.matches("\\s+-?\\d+\\s+\\d+\\s+.*")).count(),
                    "7 possible endings\n" + r);
        });
        check("./vtlab account --format json | jq -c '.runs[0].observed[]'", r -> {
            ok(r);
            long sum = 0;
            for (String line : r.out().strip().split("\n")) {
                JsonNode row = JSON.readTree(line);
                sum += row.get("trials").asLong();
            }
            assertEquals(1000, sum, r.toString());
        });
        check("./vtlab account --format html > account.html", r -> page(r, "account.html"));
        check("./vtlab account --metrics", r -> {
            ok(r);
            assertTrue(r.out().contains("vtlab.account.updates.lost"), r.toString());
        });

        // ---- pinning --help
        check("./vtlab pinning --lock class-init", r -> {
            ok(r);
            double stall = r.number("^  a class initializer\\s+([\\d.,]+) ms");
            if (JDK < 26) {
                assertTrue(stall > 100, "a class initializer pins on 21 and 25: about one hold, 200 ms\n" + r);
                assertTrue(r.text().contains("A class initializer still pins on JDK " + JDK), r.toString());
            } else {
                assertTrue(stall < 200, "JDK 26: the waiting workers unmount, the heartbeat has a carrier\n" + r);
            }
        });
        check("./vtlab pinning --lock none", r -> {
            ok(r);
            assertTrue(r.out().contains("EXPECTED: the heartbeat kept ticking."), r.toString());
        });
        check("./vtlab pinning --workers 8", r -> {
            ok(r);
            double sync = r.number("^  synchronized\\s+([\\d.,]+) ms");
            assertTrue(sync > 900, "about (8 - 1) x 200 ms\n" + r);
        });
        check("./vtlab pinning --carriers 5", r -> {
            ok(r);
            double sync = r.number("^  synchronized\\s+([\\d.,]+) ms");
            assertTrue(sync < 150, "no stall with one carrier more than the workers\n" + r);
        });
        check("./vtlab pinning --jfr", r -> {
            ok(r);
            try (Stream<Path> files = Files.list(r.dir().resolve("recordings"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("pinning-.*\\.jfr")),
                        r.toString());
            }
        });
        check("./vtlab pinning --metrics", r -> {
            ok(r);
            assertTrue(r.out().matches("(?s).*jvm\\.threads\\.virtual\\.pinned\\s+count [1-9].*"), r.toString());
        });
        check("./vtlab pinning --format json | jq '.runs[].heartbeatWorstDelayMs'", r -> {
            ok(r);
            String[] delays = r.out().strip().split("\n");
            assertEquals(2, delays.length, r.toString());
            assertTrue(JDK == 21 ? Double.parseDouble(delays[0]) > 300 : Double.parseDouble(delays[0]) < 200,
                    "synchronized stalls on 21, not on " + JDK + "\n" + r);
        });
        check("./vtlab pinning --format html > pinning.html", r -> page(r, "pinning.html"));

        // ---- failure --help
        check("./vtlab failure --no-failure", r -> {
            ok(r);
            assertTrue(r.out().contains("nothing failed") && !r.out().contains("FORBIDDEN"), r.toString());
        });
        check("./vtlab failure --fail 1", r -> {
            ok(r);
            double at = r.number("^2 Future\\.get\\(\\) in order\\s+(\\d+)");
            assertTrue(at > 800, "get() meets the failure first, yet the with block waits for the others\n" + r);
            assertTrue(r.text().contains("when get() reached task 1's Future"), r.toString());
        });
        check("./vtlab failure --threads platform --exception io", r -> {
            ok(r);
            assertTrue(r.out().contains("IOException") && r.out().contains("platform threads"), r.toString());
        });
        check("./vtlab failure --fail-after 200ms --work 2s", r -> {
            ok(r);
            double wasted = r.number("^1 submit, never get\\(\\)\\s+\\d+\\s+([\\d.]+)");
            assertTrue(wasted > 2000, "more work wasted\n" + r);
        });
        check("./vtlab failure --metrics", r -> {
            ok(r);
            assertTrue(r.out().contains("vtlab.failure.tasks.failed"), r.toString());
        });
        check("./vtlab failure --format json | jq -c '.runs[] | [.way, .grade]'", r -> {
            ok(r);
            assertEquals(5, r.out().strip().lines().count(), r.toString());
            assertEquals("[\"deadline\",\"EXPECTED\"]", r.out().strip().lines().toList().getLast(), r.toString());
        });
        check("./vtlab failure --code", r -> {
            ok(r);
            for (String part : List.of("Way 3 on JDK 21: ShutdownOnFailure", "Way 3 on JDK 25: open()",
                    "scope.joinUntil(", "config.withTimeout(timeout)")) {
                assertTrue(r.out().contains(part), part + "\n" + r);
            }
        });
        check("./vtlab failure --timeout 200ms", r -> {
            ok(r);
            assertTrue(r.text().contains("task 3 failed before the deadline (200 ms)"), r.toString());
        });
        check("./vtlab failure --format html > failure.html", r -> page(r, "failure.html"));

        // ---- jfr --help
        check("./vtlab pinning --jfr=pinning.jfr && ./vtlab jfr pinning.jfr", r -> {
            ok(r);
            if (JDK == 21) {
                assertTrue(r.out().matches("(?s).*\\b4\\b.*pinned.*") || r.out().matches("(?s).*pinned.*\\b4\\b.*"),
                        "4 pinned threads\n" + r);
            } else {
                String pinned = r.out().substring(0, r.out().indexOf("The lesson's lock contention"));
                assertFalse(pinned.contains("holdWhileSleeping"), "JEP 491: no worker pinned in synchronized\n" + r);
            }
        });
        check("./vtlab counter --sync synchronized --jfr=c.jfr && ./vtlab jfr c.jfr", r -> ok(r));

        // ---- bench --help
        check("./vtlab bench scale --quick", r -> {
            ok(r);
            assertTrue(r.out().contains("## scale") && r.out().contains("newVirtualThreadPerTaskExecutor()"),
                    r.toString());
        });
        check("./vtlab bench scale --only virtual --tasks 1000000 --runs 1", r -> {
            ok(r);
            assertTrue(r.out().contains("1,000,000"), r.toString());
        });
        check("./vtlab bench locks --only adder,atomic --quick", r -> {
            ok(r);
            assertTrue(r.out().contains("LongAdder") && r.out().contains("AtomicLong")
                    && !r.out().contains("ReentrantLock |"), r.toString());
        });
        check("./vtlab bench trials --quick", r -> {
            ok(r);
            assertTrue(r.out().matches("(?s).*\\| 1,000 \\| [^|]*account \\| baseline\\.PlainTrials"
                    + " \\| [0-9.,]+ \\(1\\) \\| [0-9.,]+ \\(1\\) \\| [0-9.]+ \\|.*"), r.toString());
        });
        check("./vtlab bench start --quick", r -> {
            ok(r);
            for (String command : new String[] {"--help", "counter --delay 0"}) {
                assertTrue(r.out().contains(command + " | java baseline.Hello | "), command + "\n" + r);
            }
        });
        check("./vtlab bench scope --quick --format json > scope.json", r -> {
            ok(r);
            JsonNode doc = JSON.readTree(r.dir().resolve("scope.json").toFile());
            assertTrue(doc.isObject(), r.toString());
        });

        // ---- course --help and the README's course
        check("./vtlab course", r -> {
            ok(r);
            assertTrue(r.out().contains("No budget: every lesson at its defaults"), r.toString());
            assertTrue(r.text().contains("Every lesson showed its point (8 shown)."), r.toString());
            try (var dirs = Files.list(r.dir())) {
                Path folder = dirs.filter(d -> d.getFileName().toString().matches("course-\\d{8}-\\d{6}"))
                        .findFirst().orElseThrow(() -> new AssertionError("no course-TIME folder\n" + r));
                for (String file : List.of("index.html", "results.json", "junit.xml", "3-pinning.jfr",
                        "3-pinning.jfr.txt")) {
                    assertTrue(Files.size(folder.resolve(file)) > 0, file + "\n" + r);
                }
            }
        });
        check("./vtlab course --budget 10s --out ci", r -> {
            ok(r);
            assertTrue(r.text().contains("Budget 10.0 s: the defaults take about"), r.toString());
            assertTrue(r.text().contains("Scaled to keep to the budget: 1 counter --delay"), r.toString());
            assertTrue(r.text().contains("Every lesson showed its point (8 shown)."), r.toString());
            assertTrue(Files.readString(r.dir().resolve("ci/junit.xml")).contains("tests=\"8\" failures=\"0\""),
                    r.toString());
        });
        check("./vtlab course --pause", r -> {
            ok(r);
            assertTrue(r.out().contains("--pause: stdin is not a terminal, so the course does not pause."),
                    r.toString());
            assertFalse(r.out().contains("Press Enter"), r.toString());
        });

        // ---- README
        check("./vtlab counter --sync none --format json | jq -c '.runs[0] | {expected, actual, outcome, grade}'",
                r -> {
                    ok(r);
                    assertEquals("{\"expected\":20,\"actual\":10,\"outcome\":\"lost-updates\","
                            + "\"grade\":\"INTERESTING\"}", r.out().strip());
                });
        check("./vtlab counter --sync none", r -> {
            ok(r);
            assertTrue(r.out().contains("Testing update. Ending value is 10."), r.toString());
        });
        check("./vtlab counter --sync lock --threads platform --tasks 20 --delay 10ms --jfr=lock.jfr"
                + " && ./vtlab jfr lock.jfr", r -> {
                    ok(r);
                    String lesson = r.out().substring(r.out().indexOf("The lesson's lock contention"),
                            r.out().indexOf("Not the lesson's"));
                    // 20 tasks take the lock in turn: all but the first wait for it, unless one arrives just as
                    // it is free (on a busy machine, one or two do)
                    Matcher m = Pattern.compile("\\s(\\d+)\\s+[\\d.]+ ms\\s+ReentrantLock\\$NonfairSync\\s+at "
                            + "dev\\.vtlab\\.sync\\.LockGuard\\.run:\\d+").matcher(lesson);
                    assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 15 && Integer.parseInt(m.group(1)) <= 19,
                            "about 19 waits for the lesson's lock\n" + r);
                });
        check("./vtlab counter --sync synchronized --metrics", r -> {
            ok(r);
            if (JDK == 21) {
                assertTrue(r.out().matches("(?s).*jvm\\.threads\\.virtual\\.pinned\\s+count 2,.*"),
                        "each virtual thread pinned while it slept in synchronized\n" + r);
            } else {
                // JEP 491: the 100 ms sleeps in synchronized pin nothing. A first run may still record one short
                // pin: a task that waits for a monitor while the JVM loads a class for the other ("Freeze or
                // preempt failed", vtlab jfr shows it), never as long as the sleep.
                Matcher pinned = Pattern.compile("jvm\\.threads\\.virtual\\.pinned\\s+count (\\d+)(?:, mean \\S+ ms, "
                        + "max ([\\d.]+) (ms|s))?").matcher(r.out());
                assertTrue(pinned.find(), r.toString());
                assertTrue(pinned.group(1).equals("0") || pinned.group(3).equals("ms")
                        && Double.parseDouble(pinned.group(2)) < 90, "no sleep pinned on " + JDK + "\n" + r);
            }
        });
    }

    private static Path shim;

    /** {@code ./vtlab} for the jar under test: this JVM's java, its class path, the launcher's JVM options. */
    @BeforeAll
    static void writeTheShim(@TempDir Path tmp) throws IOException {
        shim = tmp.resolve("vtlab");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(shim, "#!/bin/sh\nexec '" + java + "' --enable-preview -cp '"
                + System.getProperty("java.class.path") + "' dev.vtlab.Main \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The example lines of every command's help: a line that starts with {@code "  ./vtlab "} or {@code "  source"}. */
    static Set<String> helpExamples() {
        Set<String> all = new LinkedHashSet<>();
        List<List<String>> commands = new ArrayList<>(List.of(List.of("--help")));
        for (String sub : List.of("counter", "account", "pinning", "failure", "course", "jfr", "bench",
                "completion")) {
            commands.add(List.of(sub, "--help"));
        }
        for (List<String> args : commands) {
            var out = new StringWriter();
            int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                    .execute(args.toArray(String[]::new));
            assertEquals(0, exit, String.join(" ", args));
            String help = out.toString();
            for (String line : help.substring(help.indexOf("Examples:")).lines().toList()) {
                if (line.startsWith("  ./vtlab ") || line.startsWith("  source ")) {
                    all.add(line.strip());
                }
            }
        }
        return all;
    }

    /**
     * The commands the README shows: in code blocks, a line that starts with {@code $ } or {@code ./vtlab} (less a
     * trailing {@code # comment}); in prose, a code span that starts with {@code ./vtlab} or runs it. A span with a
     * placeholder in capitals ({@code ./vtlab LESSON --help}) or {@code /path/to/} names a form, not a command.
     */
    static Set<String> readmeCommands() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> all = new LinkedHashSet<>();
        boolean block = false;
        StringBuilder prose = new StringBuilder();
        for (String line : readme.lines().toList()) {
            if (line.startsWith("```")) {
                block = !block;
                continue;
            }
            if (block) {
                if (line.startsWith("$ ")) {
                    all.add(line.substring(2).strip());
                } else if (line.startsWith("./vtlab") || line.startsWith("source ")
                        || line.startsWith("\"$(./vtlab")) {
                    all.add(line.replaceFirst("\\s+#.*$", "").strip());
                }
            } else {
                prose.append(line).append('\n');
            }
        }
        Matcher span = Pattern.compile("`((?:\\./vtlab|source <\\(\\./vtlab)[^`]*)`").matcher(prose);
        while (span.find()) {
            String command = span.group(1).replaceAll("\\s+", " ").strip();
            if (!command.matches(".*\\b[A-Z]{1,}\\b.*") && !command.contains("/path/to/")) {
                all.add(command);
            }
        }
        return all;
    }

    @Test
    @Timeout(60)
    void everyExampleHasACheck() throws IOException {
        Set<String> unchecked = new TreeSet<>();
        Set<String> found = new LinkedHashSet<>(helpExamples());
        found.addAll(readmeCommands());
        for (String example : found) {
            if (!CHECKS.containsKey(example) && !LAUNCHER.contains(example)) {
                unchecked.add(example);
            }
        }
        assertEquals(Set.of(), unchecked, "examples without a check: add one to ExamplesTest.CHECKS");
        Set<String> stale = new TreeSet<>(CHECKS.keySet());
        stale.removeAll(found);
        assertEquals(Set.of(), stale, "checks of examples that no help or README shows any more");
        assertTrue(CHECKS.keySet().containsAll(ON_JDK25), "every example run on JDK 25 has a check");
        String script = Files.readString(REPO.resolve(".ci/examples"));
        for (String command : LAUNCHER) {
            assertTrue(command.equals("./vtlab test") || script.contains(command),
                    ".ci/examples must run: " + command);
        }
    }

    static Stream<String> checkedExamples() {
        return CHECKS.keySet().stream().filter(c -> !slow(c));
    }

    static Stream<String> benchExamples() {
        return CHECKS.keySet().stream().filter(ExamplesTest::slow);
    }

    @ParameterizedTest
    @MethodSource("checkedExamples")
    @Timeout(180)
    void everyExampleDoesWhatItSays(String command, @TempDir Path dir) throws Exception {
        run(command, dir);
    }

    static Stream<String> jdk25Examples() {
        return ON_JDK25.stream().sorted();
    }

    /** The examples whose outcome depends on the JDK, on JDK 25 (on 21 the test above runs them). */
    @ParameterizedTest
    @MethodSource("jdk25Examples")
    @Tag("jdk25")
    @Timeout(180)
    void theJdkDependentExamplesDoWhatTheySayOnThisJdk(String command, @TempDir Path dir) throws Exception {
        assumeTrue(JDK != 21, "on JDK 21 everyExampleDoesWhatItSays runs them");
        run(command, dir);
    }

    @ParameterizedTest
    @MethodSource("benchExamples")
    @Tag("slow")
    @Timeout(180)
    void everyBenchExampleDoesWhatItSays(String command, @TempDir Path dir) throws Exception {
        run(command, dir);
    }

    private static void run(String command, Path dir) throws Exception {
        Files.copy(shim, dir.resolve("vtlab"));
        Files.setPosixFilePermissions(dir.resolve("vtlab"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("home"));
        var builder = new ProcessBuilder("bash", "-c", command).directory(dir.toFile());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().remove("NO_COLOR");
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(170, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 170 s");
        }
        CHECKS.get(command).check(new Result(p.exitValue(), Files.readString(out), Files.readString(err), dir));
    }
}

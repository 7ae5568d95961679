package dev.vtlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code vtlab course --pause} on a terminal: a pseudo-terminal made by util-linux's {@code script}, whose stdin the
 * test writes to as a teacher types. The course says which lesson is next and waits: the test proves it waits by
 * the JVM's own thread dump ({@code jcmd Thread.print} shows the course's thread reading stdin in
 * {@code PauseForEnter.before}), not by waiting to see nothing happen. Enter runs the lesson; Ctrl-D (end of input)
 * ends the pauses and the course runs on to its end. (CourseCommandTest: on a pipe, --pause is ignored.)
 */
class PauseForEnterTest {

    private static final String ANSI = "\u001b\\[[0-9;]*m";

    @Test
    @Timeout(150)
    void waitsForEnterBeforeEachLessonOnATerminalAndCtrlDEndsThePauses(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux's script makes the pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-preview", "-XX:TieredStopAtLevel=1"));
        command.addAll(CourseCommandTest.TWO_CARRIERS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vtlab.Main", "course", "--pause",
                "--budget", "8s", "--out", tmp.resolve("c").toString()));
        Process script = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", shell(command), "/dev/null")
                .redirectErrorStream(true).start();
        var screen = new Screen(script.getInputStream());
        try (OutputStream keys = script.getOutputStream()) {
            screen.await(s -> s.contains("Next: lesson 1, counter"), Duration.ofSeconds(60));
            assertTrue(screen.text().contains("--pause: the course waits for Enter before each lesson."),
                    screen.text());
            ProcessHandle course = awaitJava(script, Duration.ofSeconds(10));
            awaitReadingStdin(course, Duration.ofSeconds(30));
            assertFalse(screen.text().contains("1  counter"), "a step ran before Enter:\n" + screen.text());

            keys.write('\n');
            keys.flush();
            screen.await(s -> s.contains("1  counter  unguarded"), Duration.ofSeconds(60));
            keys.write(4); // Ctrl-D: end of input, read when lesson 2 asks
            keys.flush();
            assertTrue(script.waitFor(90, TimeUnit.SECONDS), screen.text());
            assertEquals(0, script.exitValue(), screen.text());
        } finally {
            script.destroyForcibly();
        }
        screen.join();
        String text = screen.text();
        assertTrue(text.contains("Next: lesson 2, account"), text);
        assertFalse(text.contains("Next: lesson 3"), "Ctrl-D ended the pauses:\n" + text);
        assertTrue(text.contains("8  failure  five ways"), text);
    }

    /** The course's JVM: the java process under script's shell. */
    private static ProcessHandle awaitJava(Process script, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> java = script.descendants().filter(p -> p.info().command()
                    .map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (java.isPresent()) {
                return java.get();
            }
            Thread.sleep(50); // polling for a process to appear; the state is checked, not hoped for
        }
        throw new AssertionError("no java process under script within " + timeout);
    }

    /** Waits until the course's thread dump shows it reading stdin in PauseForEnter.before. */
    private static void awaitReadingStdin(ProcessHandle course, Duration timeout) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        String dump = "";
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder(jcmd, Long.toString(course.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            String main = mainThread(dump);
            if (main.contains("PauseForEnter.before") && main.contains("readLine")) {
                return;
            }
        }
        throw new AssertionError("the course's thread never waited on stdin; last dump:\n" + dump);
    }

    /** The "main" thread's part of a thread dump. */
    private static String mainThread(String dump) {
        int start = dump.indexOf("\"main\"");
        if (start < 0) {
            return "";
        }
        int end = dump.indexOf("\n\n", start);
        return end < 0 ? dump.substring(start) : dump.substring(start, end);
    }

    private static String shell(List<String> words) {
        return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
    }

    /**
     * What the terminal shows, without colours and carriage returns, read as it comes by a thread of its own.
     *
     * <p><b>Memory visibility.</b> The reader appends under the monitor of {@code text}; the test reads under it.
     */
    private static final class Screen {
        private final StringBuilder text = new StringBuilder(); // guarded by itself
        private final Thread reader;

        Screen(InputStream in) {
            reader = Thread.ofPlatform().daemon().name("pty reader").start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            text.notifyAll();
                        }
                    }
                } catch (IOException closed) {
                    // the process ended
                }
            });
        }

        String text() {
            synchronized (text) {
                return text.toString().replaceAll(ANSI, "").replace("\r", "");
            }
        }

        void await(Predicate<String> seen, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (text) {
                while (!seen.test(text())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !reader.isAlive()) {
                        throw new AssertionError("not on the screen within " + timeout + ":\n" + text());
                    }
                    text.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        void join() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}

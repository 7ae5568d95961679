package dev.vtlab.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child that fails the parent's reading must not outlive the run. The stand-in child ({@link Stuck}) writes what
 * it is told, then blocks reading its stdin, which the parent never closes: it only ends if the parent kills it.
 */
@Timeout(30)
class ChildJvmTest {

    private static final Config CONFIG = new Config(Suite.SCALE, Map.of(), Map.of("way", "stuck"), null);

    private final List<Process> children = new ArrayList<>(); // written and read by the test thread only

    /** Without the fix these children would block forever on stdin: kill them so the build does not leak them. */
    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aLineTheParentCannotParseKillsTheChild() throws Exception {
        ChildJvm child = new ChildJvm(stuck("run wall_ns=twelve"));
        assertThrows(NumberFormatException.class, () -> child.run(CONFIG, children::add));
        assertChildEnds();
    }

    @Test
    void anInterruptWhileWaitingForTheChildKillsItAndPropagates() throws Exception {
        ChildJvm child = new ChildJvm(stuck("end peak_rss_kb=1", "close"));
        // The interrupt is pending before run() starts: reading the pipe ignores it, waitFor() then throws at once.
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> child.run(CONFIG, children::add));
        } finally {
            Thread.interrupted();
        }
        assertChildEnds();
    }

    private void assertChildEnds() throws InterruptedException {
        assertEquals(1, children.size(), "children started");
        assertTrue(children.getFirst().waitFor(5, TimeUnit.SECONDS), "the child is still running");
    }

    /** {@code java -cp <test class path> ChildJvmTest$Stuck lines...}. */
    private static List<String> stuck(String... lines) {
        List<String> command = new ArrayList<>(List.of(JvmLaunch.currentJava(), "-cp",
                System.getProperty("java.class.path"), Stuck.class.getName()));
        command.addAll(List.of(lines));
        return command;
    }

    /** Prints each argument as a line ({@code close} closes stdout instead), then blocks until killed. */
    public static final class Stuck {
        public static void main(String[] args) throws IOException {
            PrintStream out = System.out;
            for (String line : args) {
                if (line.equals("close")) {
                    out.close();
                } else {
                    out.println(line);
                    out.flush();
                }
            }
            while (System.in.read() != -1) {
                // the parent never writes: this read returns only when the pipe breaks
            }
        }
    }
}

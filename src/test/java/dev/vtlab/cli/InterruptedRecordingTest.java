package dev.vtlab.cli;

import dev.vtlab.testing.Recordings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lesson stopped part-way (Ctrl-C's SIGINT, or the SIGTERM a kill sends) still leaves a whole recording. The lesson
 * runs in its own JVM with a one-minute delay; the test waits until the narrative's first line shows the run has
 * begun, then stops it. No sleeping: the line is the signal, and every wait is bounded.
 */
class InterruptedRecordingTest {

    /** How the test stops the lesson. */
    enum Stop {
        /** Ctrl-C. */
        SIGINT,
        /** {@code kill PID}, or {@link Process#destroy()}. */
        SIGTERM
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(60)
    void aLessonStoppedPartWayLeavesAWholeRecording(Stop stop, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("stopped.jfr");
        List<String> command = new ArrayList<>();
        if (stop == Stop.SIGINT) {
            // A process started in the background (as Maven's test JVM may be) inherits SIGINT ignored, and a JVM
            // keeps an ignored SIGINT ignored. Perl (in every Debian base system) restores the default, then execs.
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "--"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-preview",
                "-cp", System.getProperty("java.class.path"), "dev.vtlab.Main",
                "counter", "--sync", "synchronized", "--delay", "60s", "--jfr=" + file));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.contains("starting update")) {
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(started.get(30, TimeUnit.SECONDS) != null, "the lesson never started");

            switch (stop) {
                case SIGINT -> assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
                        .inheritIO().start().waitFor());
                case SIGTERM -> child.destroy();
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the lesson did not stop on " + stop);
            assertEquals(stop == Stop.SIGINT ? 130 : 143, child.exitValue(), "the JVM's exit code for " + stop);
        } finally {
            child.destroyForcibly();
        }
        assertTrue(Files.exists(file), "no recording after " + stop);
        assertFalse(Files.exists(tmp.resolve("stopped.jfr.part")), "the temporary file was left behind");
        Map<String, Long> events = Recordings.countByType(file);
        assertTrue(events.containsKey("jdk.CPUInformation"), events.toString());
        assertEquals(events.get("jdk.CPUInformation"), Recordings.countByTypeWithJmc(file).get("jdk.CPUInformation"));
    }
}

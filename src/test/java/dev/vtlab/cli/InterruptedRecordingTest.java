package dev.vtlab.cli;

import dev.vtlab.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lesson stopped part-way (SIGTERM, as Ctrl-C or a kill sends) still leaves a whole recording. The lesson runs in
 * its own JVM with a one-minute delay; the test waits until the narrative's first line shows the run has begun,
 * then stops it. No sleeping: the line is the signal, and every wait is bounded.
 */
class InterruptedRecordingTest {

    @Test
    @Timeout(60)
    void aLessonStoppedPartWayLeavesAWholeRecording(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("stopped.jfr");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-preview",
                "-cp", System.getProperty("java.class.path"), "dev.vtlab.Main",
                "counter", "--sync", "synchronized", "--delay", "60s", "--jfr=" + file))
                .redirectErrorStream(true).start();
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

            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the lesson did not stop on SIGTERM");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(Files.exists(file), "no recording after SIGTERM");
        assertFalse(Files.exists(tmp.resolve("stopped.jfr.part")), "the temporary file was left behind");
        Map<String, Long> events = Recordings.countByType(file);
        assertTrue(events.containsKey("jdk.CPUInformation"), events.toString());
        assertEquals(events.get("jdk.CPUInformation"), Recordings.countByTypeWithJmc(file).get("jdk.CPUInformation"));
    }
}

package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProgramsTest {

    /** The launcher counts only beside the jar it runs: REPO/vtlab for REPO/target/vtlab.jar. */
    @Test
    @Timeout(10)
    void theLauncherIsFoundOnlyBesideTheTargetFolderOfTheJar(@TempDir Path repo) throws Exception {
        Path jar = Files.createDirectories(repo.resolve("target")).resolve("vtlab.jar");
        Files.writeString(jar, "");
        assertEquals(Optional.empty(), Programs.launcher(jar.toString()), "no ./vtlab yet");

        Path launcher = Files.writeString(repo.resolve("vtlab"), "#!/bin/sh\n");
        assertEquals(Optional.empty(), Programs.launcher(jar.toString()), "not executable");
        assertTrue(launcher.toFile().setExecutable(true));
        assertEquals(Optional.of(launcher), Programs.launcher(jar.toString()));

        assertEquals(Optional.empty(), Programs.launcher(jar + File.pathSeparator + repo), "a class path of two");
        assertEquals(Optional.empty(), Programs.launcher(repo.resolve("target/classes").toString()), "no jar");
        Path elsewhere = Files.createDirectories(repo.resolve("dist")).resolve("vtlab.jar");
        Files.writeString(elsewhere, "");
        assertEquals(Optional.empty(), Programs.launcher(elsewhere.toString()), "a jar outside target/");
    }

    /** A whole process: its exit code, its output, a wall time, and on Linux its peak resident set. */
    @Test
    @Timeout(30)
    void aWholeProcessIsTimedAndItsPeakMemoryRead() throws Exception {
        WholeProcess hello = WholeProcess.run(Programs.baseline("Hello"), Map.of());
        assertEquals(0, hello.exitCode(), hello.stderr());
        assertEquals("Hello", hello.stdout().strip());
        assertTrue(hello.wallNanos() > 1_000_000, "a JVM takes more than a millisecond: " + hello.wallNanos());
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(hello.peakRssKb() > 10_000, "a JVM's peak resident set is over 10 MB: " + hello.peakRssKb());
        }

        WholeProcess failed = WholeProcess.run(List.of("sh", "-c", "echo to-err >&2; exit 3"), Map.of("X", "1"));
        assertEquals(3, failed.exitCode());
        assertEquals("to-err", failed.stderrTail());
    }

    /** The variables given are added to the program's environment (bench start's VTLAB_CDS=0). */
    @Test
    @Timeout(30)
    void theProgramSeesTheVariablesGiven() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        WholeProcess p = WholeProcess.run(List.of("/bin/sh", "-c", "echo \"$VTLAB_CDS\""), Map.of("VTLAB_CDS", "0"));
        assertEquals("0", p.stdout().strip());
    }
}

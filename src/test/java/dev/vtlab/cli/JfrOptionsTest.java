package dev.vtlab.cli;

import dev.vtlab.cli.CliTest.Run;
import dev.vtlab.testing.ChildVtlab;
import dev.vtlab.testing.Recordings;
import dev.vtlab.testing.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --jfr=FILE} writes only where it should: a new or regular file in an existing folder. Anything else is one
 * line naming the path and the reason, exit code 2, before the lesson starts (nothing on stdout), and the file that
 * was there is left as it was.
 */
class JfrOptionsTest {

    /** The account lesson prints its header before anything else; a refused path must come before even that. */
    private static Run account(Path jfr) {
        return run("account", "--trials", "20", "--delay", "1ms", "--jfr=" + jfr);
    }

    private static void assertRefused(Run run, Path path, String reason) {
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertEquals("", run.out(), "the lesson must not start");
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("'" + path + "' " + reason + ";"), run.err());
    }

    @Test
    @Timeout(10)
    void aFifoIsRefusedAndLeftAFifo(@TempDir Path tmp) throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("fifo"));
        assertRefused(account(fifo), fifo, "is a FIFO (named pipe)");
        assertTrue(SpecialFiles.isSpecial(fifo));
        assertEquals(List.of(fifo), listing(tmp));
    }

    /** /dev/full-like: a device node in the temporary folder (as root), and everywhere a symlink to /dev/null. */
    @Test
    @Timeout(10)
    void aDeviceIsRefusedAndLeftADevice(@TempDir Path tmp) throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("null-link"), Path.of("/dev/null"));
        assertRefused(account(link), link, "is a symlink to a character device");
        assertTrue(Files.isSymbolicLink(link));
        Path device = tmp.resolve("null");
        assumeTrue(SpecialFiles.device(device), "mknod needs root");
        assertRefused(account(device), device, "is a character device");
        assertTrue(SpecialFiles.isSpecial(device));
        assertEquals(List.of(device, link), listing(tmp));
    }

    @Test
    @Timeout(10)
    void aDirectoryOrASymlinkToOneIsRefused(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("folder"));
        assertRefused(account(folder), folder, "is a directory");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), folder);
        assertRefused(account(link), link, "is a symlink to a directory");
        Path toFifo = Files.createSymbolicLink(tmp.resolve("to-fifo"), SpecialFiles.fifo(tmp.resolve("fifo")));
        assertRefused(account(toFifo), toFifo, "is a symlink to a FIFO (named pipe)");
        assertEquals(List.of(), listing(folder));
    }

    /** No folder chain is created for an explicit path, however deep, even from /. */
    @ParameterizedTest
    @ValueSource(strings = {"no/such/folder/run.jfr", "/vtlab-no-such-folder/run.jfr"})
    @Timeout(10)
    void aPathInAFolderThatDoesNotExistIsRefused(String relative, @TempDir Path tmp) throws IOException {
        Path path = relative.startsWith("/") ? Path.of(relative) : tmp.resolve(relative);
        assertRefused(account(path), path, "is in a folder that does not exist (" + path.getParent() + ")");
        assertFalse(Files.exists(tmp.resolve("no")));
        assertFalse(Files.exists(Path.of("/vtlab-no-such-folder")));
    }

    /** The default name is the one case where a folder is made: recordings/ in the working directory. */
    @Test
    @Timeout(30)
    void theDefaultFolderIsCreated(@TempDir Path tmp) throws Exception {
        try (var child = ChildVtlab.start(tmp, false, List.of(), "counter", "--delay", "0", "--tasks", "1", "--jfr")) {
            assertEquals(0, child.waitFor(Duration.ofSeconds(25)), child.output());
            List<Path> files = listing(tmp.resolve("recordings"));
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.getFirst().getFileName().toString().matches("counter-\\d{8}-\\d{6}-\\d{3}\\.jfr"),
                    files.toString());
            assertTrue(child.out().contains("recording saved to recordings/" + files.getFirst().getFileName()),
                    child.out());
            assertEquals(2L, Recordings.countByType(files.getFirst()).get("vtlab.LessonRun"));
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}

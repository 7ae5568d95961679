package dev.vtlab.jfr;

import dev.vtlab.testing.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where a recording may go: a new or regular file in an existing folder, and nothing else. */
class RecordingTargetTest {

    @Test
    @Timeout(10)
    void aNewFileInAnExistingFolderIsFine(@TempDir Path tmp) throws IOException {
        var target = RecordingTarget.of(tmp.resolve("run.jfr"));
        assertEquals(tmp.resolve("run.jfr").toAbsolutePath(), target.file());
        assertEquals(tmp.resolve("run.jfr.part").toAbsolutePath(), target.partial());
        assertEquals(tmp.resolve("run.jfr.exit.part").toAbsolutePath(), target.exitPartial());
    }

    @Test
    @Timeout(10)
    void anExistingRegularFileIsFine(@TempDir Path tmp) throws IOException {
        Path old = Files.writeString(tmp.resolve("old.jfr"), "an earlier run");
        assertEquals(old.toAbsolutePath(), RecordingTarget.of(old).file());
    }

    /** Written through: the link stays, the file it names gets the recording, and the temporary files sit beside it. */
    @Test
    @Timeout(10)
    void aSymlinkToARegularFileLeadsToThatFile(@TempDir Path tmp) throws IOException {
        Files.createDirectory(tmp.resolve("real"));
        Path file = Files.writeString(tmp.resolve("real/run.jfr"), "an earlier run");
        Path link = Files.createSymbolicLink(tmp.resolve("link.jfr"), file);
        var target = RecordingTarget.of(link);
        assertEquals(file.toRealPath(), target.file());
        assertEquals(file.toRealPath().resolveSibling("run.jfr.part"), target.partial());
    }

    @Test
    @Timeout(10)
    void aFifoIsRefused(@TempDir Path tmp) throws Exception {
        assertUnfit(SpecialFiles.fifo(tmp.resolve("fifo")), "is a FIFO (named pipe)");
    }

    @Test
    @Timeout(10)
    void aSocketIsRefused(@TempDir Path tmp) throws Exception {
        assertUnfit(SpecialFiles.socket(tmp.resolve("socket")), "is a socket");
    }

    /** A device node made in the temporary folder (as root); everywhere, a symlink to /dev/null. */
    @Test
    @Timeout(10)
    void aDeviceIsRefused(@TempDir Path tmp) throws Exception {
        assertUnfit(Files.createSymbolicLink(tmp.resolve("null-link"), Path.of("/dev/null")),
                "is a symlink to a character device");
        Path device = tmp.resolve("null");
        assumeTrue(SpecialFiles.device(device), "mknod needs root");
        assertUnfit(device, "is a character device");
    }

    @Test
    @Timeout(10)
    void aDirectoryOrASymlinkToOneIsRefused(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("folder"));
        assertUnfit(folder, "is a directory");
        assertUnfit(Files.createSymbolicLink(tmp.resolve("folder-link"), folder), "is a symlink to a directory");
        assertUnfit(Files.createSymbolicLink(tmp.resolve("fifo-link"), SpecialFiles.fifo(tmp.resolve("fifo"))),
                "is a symlink to a FIFO (named pipe)");
    }

    @Test
    @Timeout(10)
    void aSymlinkToNothingIsRefused(@TempDir Path tmp) throws IOException {
        assertUnfit(Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere")),
                "is a symlink to nothing (or a loop of symlinks)");
    }

    /** No folder is created: a typo in a path must not make a folder chain anywhere (even at /). */
    @Test
    @Timeout(10)
    void aMissingFolderIsRefusedAndNotCreated(@TempDir Path tmp) throws IOException {
        Path deep = tmp.resolve("no/such/folder/run.jfr");
        assertUnfit(deep, "is in a folder that does not exist (" + deep.getParent() + ")");
        assertEquals(false, Files.exists(tmp.resolve("no")));
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertUnfit(file.resolve("run.jfr"), "is in " + file + ", which is not a folder");
    }

    /** Flight Recorder writes the temporary files through symlinks and blocks on a FIFO: they obey the same rules. */
    @Test
    @Timeout(10)
    void aTemporaryFileThatIsNotRegularIsRefused(@TempDir Path tmp) throws Exception {
        SpecialFiles.fifo(tmp.resolve("run.jfr.part"));
        assertUnfit(tmp.resolve("run.jfr"), "needs " + tmp.resolve("run.jfr.part") + " for writing, and that is a"
                + " FIFO (named pipe); remove it");
        Files.createSymbolicLink(tmp.resolve("b.jfr.exit.part"), Path.of("/dev/null"));
        assertUnfit(tmp.resolve("b.jfr"), "needs " + tmp.resolve("b.jfr.exit.part") + " for writing, and that is a"
                + " symlink; remove it");
    }

    private static void assertUnfit(Path path, String reason) {
        var e = assertThrows(FileSystemException.class, () -> RecordingTarget.of(path));
        assertEquals(reason, e.getReason());
        assertEquals(path.toString(), e.getFile());
    }
}

package dev.vtlab.course;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --out}: which folders are refused before the course runs, and files written whole or not at all. */
@Timeout(10)
class FolderTest {

    @Test
    void aNewFolderInAnExistingOneIsCreated(@TempDir Path tmp) throws Exception {
        Folder folder = Folder.of(tmp.resolve("course"));
        assertFalse(Files.exists(tmp.resolve("course")), "nothing is made before the course starts");
        folder.create();
        assertTrue(Files.isDirectory(tmp.resolve("course")));
    }

    @Test
    void aFileOrAFolderWithoutAParentIsRefusedSayingWhy(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals("is a regular file, not a folder",
                assertThrows(FileSystemException.class, () -> Folder.of(file)).getReason());
        String reason = assertThrows(FileSystemException.class, () -> Folder.of(tmp.resolve("a/b"))).getReason();
        assertTrue(reason.startsWith("is in a folder that does not exist"), reason);
    }

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNoPart(@TempDir Path tmp) throws Exception {
        Folder folder = Folder.of(tmp);
        folder.write("index.html", "old");
        assertEquals(4, folder.write("index.html", "new!"), "bytes");
        assertEquals("new!", Files.readString(tmp.resolve("index.html")));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only index.html");
        }
    }

    /** The move fails (a folder of that name is in the way): the .part is removed, and what was there stays. */
    @Test
    void aWriteThatFailsRemovesItsPartAndKeepsWhatWasThere(@TempDir Path tmp) throws Exception {
        Path inTheWay = Files.createDirectory(tmp.resolve("results.json"));
        Files.writeString(inTheWay.resolve("keep"), "kept");
        Folder folder = Folder.of(tmp);
        assertThrows(IOException.class, () -> folder.write("results.json", "{}"));
        assertFalse(Files.exists(tmp.resolve("results.json.part")));
        assertEquals("kept", Files.readString(inTheWay.resolve("keep")));
    }
}

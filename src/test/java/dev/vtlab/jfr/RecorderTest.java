package dev.vtlab.jfr;

import dev.vtlab.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderTest {

    /** Closing moves a whole recording into place, says so once, and leaves no temporary file. */
    @Test
    @Timeout(20)
    void closeLeavesOneWholeRecordingAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("nested/folder/run.jfr");
        List<Path> saved = new CopyOnWriteArrayList<>();
        try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), target, saved::add)) {
            assertFalse(Files.exists(target), "the target appears only whole, at the end");
            LessonRunEvent.begin("test", "--none").finish("fine", "EXPECTED");
        }
        assertEquals(List.of(target.toAbsolutePath()), saved);
        assertTrue(Files.exists(target));
        assertFalse(Files.exists(tmp.resolve("nested/folder/run.jfr.part")));
        var runs = Recordings.events(target).stream()
                .filter(e -> e.getEventType().getName().equals("vtlab.LessonRun")).toList();
        assertEquals(1, runs.size());
        assertEquals("fine", runs.getFirst().getString("outcome"));
        assertEquals("vtlab", runs.getFirst().getEventType().getCategoryNames().getFirst());
    }

    /** A run that throws part-way still leaves the whole recording, with what happened before the failure. */
    @Test
    @Timeout(20)
    void aRunThatFailsStillLeavesAWholeRecording(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("failed.jfr");
        var failure = new IllegalStateException("a task failed");
        var thrown = assertThrows(IllegalStateException.class, () -> {
            try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), target, path -> { })) {
                LessonRunEvent.begin("test", "--none").finish("before the failure", "EXPECTED");
                throw failure;
            }
        });
        assertSame(failure, thrown);
        assertTrue(Files.exists(target));
        assertFalse(Files.exists(tmp.resolve("failed.jfr.part")));
        assertEquals(1, Recordings.countByType(target).get("vtlab.LessonRun"));
        assertEquals(1, Recordings.countByTypeWithJmc(target).get("vtlab.LessonRun"));
    }

    /** The lab's events are invisible without a recording: committing them costs nothing and records nothing. */
    @Test
    @Timeout(10)
    void eventsAreOffWithoutARecording() {
        assertFalse(new TaskUpdateEvent().isEnabled());
    }
}

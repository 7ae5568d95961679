package dev.vtlab.jfr;

import dev.vtlab.jfr.Recorder.Phase;
import dev.vtlab.testing.RecorderNotes;
import dev.vtlab.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

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
        Path target = tmp.resolve("run.jfr");
        var notes = new RecorderNotes();
        try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(target), notes)) {
            assertFalse(Files.exists(target), "the target appears only whole, at the end");
            LessonRunEvent.begin("test", "--none").finish("fine", "EXPECTED");
        }
        assertEquals(List.of(target.toAbsolutePath()), notes.saved());
        assertEquals(List.of(), notes.notSaved());
        assertTrue(Files.exists(target));
        assertEquals(List.of(target), listing(tmp), "no temporary file is left");
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
            try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(target),
                    new RecorderNotes())) {
                LessonRunEvent.begin("test", "--none").finish("before the failure", "EXPECTED");
                throw failure;
            }
        });
        assertSame(failure, thrown);
        assertTrue(Files.exists(target));
        assertEquals(List.of(target), listing(tmp), "no temporary file is left");
        assertEquals(1, Recordings.countByType(target).get("vtlab.LessonRun"));
        assertEquals(1, Recordings.countByTypeWithJmc(target).get("vtlab.LessonRun"));
    }

    /** Every phase the recorder itself reaches, in order; LESSON is its owner's. */
    @Test
    @Timeout(20)
    void theRecorderPassesItsPhasesInOrder(@TempDir Path tmp) throws Exception {
        List<Phase> seen = new ArrayList<>();
        try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(tmp.resolve("a.jfr")),
                new RecorderNotes(seen::add))) {
            assertTrue(Files.exists(tmp.resolve("a.jfr.exit.part")), "the JDK's hook has a place to write on exit");
        }
        assertEquals(List.of(Phase.BEFORE_START, Phase.STARTING, Phase.STARTED, Phase.STOPPING, Phase.MOVING), seen);
    }

    /** An earlier run's file is replaced, in one move, by the new whole recording. */
    @Test
    @Timeout(20)
    void anExistingFileIsReplacedByTheWholeRecording(@TempDir Path tmp) throws Exception {
        Path target = Files.writeString(tmp.resolve("old.jfr"), "an earlier run");
        var notes = new RecorderNotes();
        try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(target), notes)) {
            LessonRunEvent.begin("test", "--none").finish("new", "EXPECTED");
        }
        assertEquals(1, Recordings.countByType(target).get("vtlab.LessonRun"));
        assertEquals(List.of(target), listing(tmp));
    }

    /** How the written file can be wrong when it is checked: what a full disk or a failed dump leaves. */
    enum Damage {
        EMPTY, CUT_IN_HALF, ONE_BYTE_SHORT, NOT_A_RECORDING, MISSING;

        void to(Path file) throws IOException {
            switch (this) {
                case EMPTY -> Files.write(file, new byte[0]);
                case CUT_IN_HALF -> truncate(file, Files.size(file) / 2);
                case ONE_BYTE_SHORT -> truncate(file, Files.size(file) - 1);
                case NOT_A_RECORDING -> Files.writeString(file, "x".repeat(4096));
                case MISSING -> Files.delete(file);
            }
        }

        private static void truncate(Path file, long length) throws IOException {
            try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(length);
            }
        }
    }

    /**
     * A recording that is not whole when checked is never announced as saved: close() says why (exit code 4 in the
     * CLI), and neither the target nor a temporary file is left. An earlier run's file at the target is not replaced.
     */
    @ParameterizedTest
    @EnumSource(Damage.class)
    @Timeout(20)
    void aDamagedRecordingIsRemovedAndNeverCalledSaved(Damage damage, @TempDir Path tmp) throws Exception {
        Path target = Files.writeString(tmp.resolve("run.jfr"), "an earlier run");
        var notes = new RecorderNotes(phase -> {
            if (phase == Phase.MOVING) {
                damage.to(tmp.resolve("run.jfr.part"));
            }
        });
        Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(target), notes);
        var e = assertThrows(Recorder.NotSavedException.class, recorder::close);
        assertTrue(e.getMessage().startsWith("the file Flight Recorder wrote "), e.getMessage());
        assertEquals(List.of(), notes.saved());
        assertEquals(List.of(target), listing(tmp), "only the earlier run's file, untouched");
        assertEquals("an earlier run", Files.readString(target));
    }

    /** If our own copy is broken but the JDK's exit copy is whole (a signal as the run ended), the latter is kept. */
    @Test
    @Timeout(20)
    void theJdksExitCopyIsKeptWhenOursIsBroken(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("run.jfr");
        var notes = new RecorderNotes(phase -> {
            if (phase == Phase.MOVING) {
                Files.copy(tmp.resolve("run.jfr.part"), tmp.resolve("run.jfr.exit.part"),
                        StandardCopyOption.REPLACE_EXISTING);
                Damage.CUT_IN_HALF.to(tmp.resolve("run.jfr.part"));
            }
        });
        try (Recorder recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(target), notes)) {
            LessonRunEvent.begin("test", "--none").finish("kept", "EXPECTED");
        }
        assertEquals(List.of(target), notes.saved());
        assertEquals(1, Recordings.countByType(target).get("vtlab.LessonRun"));
        assertEquals(List.of(target), listing(tmp));
    }

    /** The lab's events are invisible without a recording: committing them costs nothing and records nothing. */
    @Test
    @Timeout(10)
    void eventsAreOffWithoutARecording() {
        assertFalse(new TaskUpdateEvent().isEnabled());
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}

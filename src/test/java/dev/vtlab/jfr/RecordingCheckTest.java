package dev.vtlab.jfr;

import dev.vtlab.jfr.RecordingCheck.Broken;
import dev.vtlab.jfr.RecordingCheck.Whole;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that stands between a written file and "recording saved": whole recordings pass, and everything a failed
 * write leaves (nothing, an empty file, a file cut at any length, a chunk not finished, something else) does not.
 * Each verdict is cross-checked with the JDK's own parser.
 */
class RecordingCheckTest {

    @TempDir
    static Path shared;

    private static byte[] whole; // one real recording, made once; read-only afterwards

    @BeforeAll
    @Timeout(20)
    static void record() throws IOException {
        Path file = shared.resolve("whole.jfr");
        try (var recording = new Recording()) {
            recording.enable("vtlab.LessonRun");
            recording.start();
            LessonRunEvent.begin("test", "--none").finish("fine", "EXPECTED");
            recording.dump(file);
        }
        whole = Files.readAllBytes(file);
    }

    @Test
    @Timeout(10)
    void aWholeRecordingIsWholeAndTheJdkReadsIt(@TempDir Path tmp) throws IOException {
        Path file = Files.write(tmp.resolve("whole.jfr"), whole);
        assertEquals(new Whole(1, whole.length), RecordingCheck.of(file));
        assertTrue(RecordingFile.readAllEvents(file).stream()
                .anyMatch(e -> e.getEventType().getName().equals("vtlab.LessonRun")));
    }

    /** Two recordings back to back are one recording of two chunks, as JFR writes long runs. */
    @Test
    @Timeout(10)
    void chunksBackToBackAreWhole(@TempDir Path tmp) throws IOException {
        byte[] two = Arrays.copyOf(whole, whole.length * 2);
        System.arraycopy(whole, 0, two, whole.length, whole.length);
        Path file = Files.write(tmp.resolve("two.jfr"), two);
        assertEquals(new Whole(2, two.length), RecordingCheck.of(file));
        assertEquals(2 * RecordingFile.readAllEvents(Files.write(tmp.resolve("one.jfr"), whole)).size(),
                RecordingFile.readAllEvents(file).size());
    }

    @Test
    @Timeout(10)
    void anEmptyFileIsBroken(@TempDir Path tmp) throws IOException {
        assertBroken(Files.write(tmp.resolve("empty.jfr"), new byte[0]), "is empty (0 bytes)");
    }

    @Test
    @Timeout(10)
    void aMissingFileIsBroken(@TempDir Path tmp) {
        assertEquals(new Broken("does not exist"), RecordingCheck.of(tmp.resolve("never-written.jfr")));
    }

    /** Cut anywhere, from inside the first header to one byte short: what a full disk leaves. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0001, 0.002, 0.01, 0.25, 0.5, 0.75, 0.9999})
    @Timeout(10)
    void aFileCutAtAnyLengthIsBroken(double fraction, @TempDir Path tmp) throws IOException {
        int length = Math.max(1, Math.min(whole.length - 1, (int) (whole.length * fraction)));
        Path cut = Files.write(tmp.resolve("cut.jfr"), Arrays.copyOf(whole, length));
        assertBroken(cut, "is cut short");
    }

    /** A second chunk cut short after a whole first one: the check walks every chunk, not only the first. */
    @Test
    @Timeout(10)
    void aSecondChunkCutShortIsBroken(@TempDir Path tmp) throws IOException {
        byte[] oneAndAHalf = Arrays.copyOf(whole, whole.length + whole.length / 2);
        System.arraycopy(whole, 0, oneAndAHalf, whole.length, whole.length / 2);
        Path file = Files.write(tmp.resolve("half-second.jfr"), oneAndAHalf);
        assertEquals(new Broken("is cut short: " + oneAndAHalf.length + " bytes of the " + 2 * whole.length
                + " its chunks promise (chunk 2 at byte " + whole.length + ")"), RecordingCheck.of(file));
    }

    /** The header's state byte: 0 once the JVM finished the chunk; anything else means it was still writing. */
    @ParameterizedTest
    @ValueSource(bytes = {1, 2, (byte) 255})
    @Timeout(10)
    void aChunkTheJvmHadNotFinishedIsBroken(byte state, @TempDir Path tmp) throws IOException {
        byte[] unfinished = whole.clone();
        unfinished[64] = state;
        assertEquals(new Broken("holds a chunk that Flight Recorder had not finished"),
                RecordingCheck.of(Files.write(tmp.resolve("unfinished.jfr"), unfinished)));
    }

    @Test
    @Timeout(10)
    void somethingElseIsBroken(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("text.jfr"), "not a recording, but long enough to hold a chunk"
                + " header of sixty-eight bytes\n", StandardCharsets.UTF_8);
        assertBroken(text, "is not a Flight Recorder recording");
    }

    /**
     * Broken means broken for the JDK's parser too: the check never rejects a file it could read. (On some cut
     * lengths the JDK's parser throws an IndexOutOfBoundsException rather than an IOException.)
     */
    private static void assertBroken(Path file, String reason) {
        var result = RecordingCheck.of(file);
        Broken broken = assertInstanceOf(Broken.class, result, file.toString());
        assertTrue(broken.reason().startsWith(reason), broken.reason());
        assertThrows(Exception.class, () -> RecordingFile.readAllEvents(file), "the JDK reads " + file);
    }
}

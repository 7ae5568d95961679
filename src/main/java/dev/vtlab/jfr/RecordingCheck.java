package dev.vtlab.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a file reads back as a whole Flight Recorder recording, judged from its chunk headers alone. A recording
 * is a sequence of chunks; each starts with a 68-byte header that gives the chunk's size and where its constant
 * pools and metadata lie, and says whether the JVM finished writing it. A file is whole when every chunk starts
 * with the magic {@code FLR\0}, is finished, holds its constant pools and metadata inside itself, and the chunks'
 * sizes add up to exactly the file's size.
 *
 * <p>That catches what a failed write leaves: an empty file (the JDK's dump found no chunks), a file cut short (the
 * disk filled up: the last chunk's size runs past the end), a chunk the JVM was still writing, and anything that is
 * not a recording. It reads one header per chunk (a recording of the lab has one), so it costs 0.05-0.2 ms. Parsing
 * every event with {@code jdk.jfr.consumer.RecordingFile} was the alternative: about 190 ms the first time in a JVM
 * (the lab saves once per run, so always the first time) and 17-56 ms after that, for the counter lesson's 0.14 MB
 * and its 10,000-task 0.47 MB ({@code RecordingCheckCost}, 2 cores), for no failure of writing this check misses.
 * (On some cut lengths that parser even throws an IndexOutOfBoundsException instead of an IOException.)
 */
public final class RecordingCheck {

    /** The size of a chunk header (JDK 21, file format 2.x), and the offsets of the fields read here. */
    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464C5200; // "FLR\0"
    private static final int SIZE_AT = 8;
    private static final int CONSTANT_POOL_AT = 16;
    private static final int METADATA_AT = 24;
    private static final int STATE_AT = 64; // 0 once the JVM finished the chunk; 255 while it rewrites the header

    private RecordingCheck() {
    }

    /** What a check found. */
    public sealed interface Result {
    }

    /** The file is a whole recording of {@code chunks} chunks and {@code bytes} bytes. */
    public record Whole(int chunks, long bytes) implements Result {
    }

    /**
     * The file is not a whole recording; {@code reason} says why, as the rest of a sentence about the file ("is
     * empty (0 bytes)", "is cut short: ...").
     */
    public record Broken(String reason) implements Result {
    }

    /** Checks {@code file}; a file that cannot be read at all is {@link Broken} too. */
    public static Result of(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            return of(channel);
        } catch (NoSuchFileException e) {
            return new Broken("does not exist");
        } catch (IOException e) {
            return new Broken("cannot be read back (" + e.getMessage() + ")");
        }
    }

    private static Result of(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return new Broken("is empty (0 bytes)");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE); // big-endian, as JFR writes it
        long start = 0;
        int chunks = 0;
        while (start < size) {
            String at = chunks == 0 ? "" : " (chunk " + (chunks + 1) + " at byte " + start + ")";
            if (!readFully(channel, header, start)) {
                return new Broken("is cut short: its " + size + " bytes end inside a chunk header" + at);
            }
            if (header.getInt(0) != MAGIC) {
                return new Broken("is not a Flight Recorder recording" + at);
            }
            long chunkSize = header.getLong(SIZE_AT);
            long constantPools = header.getLong(CONSTANT_POOL_AT);
            long metadata = header.getLong(METADATA_AT);
            if (header.get(STATE_AT) != 0) {
                return new Broken("holds a chunk that Flight Recorder had not finished" + at);
            }
            if (chunkSize < HEADER_SIZE || start + chunkSize > size) {
                return new Broken("is cut short: " + size + " bytes of the " + (start + chunkSize)
                        + " its chunks promise" + at);
            }
            if (metadata < HEADER_SIZE || metadata >= chunkSize || constantPools < HEADER_SIZE
                    || constantPools >= chunkSize) {
                return new Broken("holds a chunk header that points outside its chunk" + at);
            }
            start += chunkSize;
            chunks++;
        }
        return new Whole(chunks, size);
    }

    /** Fills {@code buffer} from {@code position}; false if the file ends first. */
    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}

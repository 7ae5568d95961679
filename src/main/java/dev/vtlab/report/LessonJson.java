package dev.vtlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What the lessons' {@code --format json} documents share: one indented writer, the machine they ran on, and how
 * a time is written (milliseconds, three decimals). Each lesson's document is its own records, in its own class.
 * ({@link JsonDocument} is the compact, line-per-row form of bench and {@code --metrics=json}.)
 */
final class LessonJson {

    /** Immutable and thread-safe, unlike the ObjectMapper that made it; records serialise by their accessors. */
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    /** The JDK and the cores, so a document says where its times came from. */
    record Machine(String jdk, String vendor, int cores) {
        static Machine current() {
            return new Machine(Runtime.version().toString(), System.getProperty("java.vendor"),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private LessonJson() {
    }

    /** Writes one document and a line break, then flushes: the whole of stdout under {@code --format json}. */
    static void print(PrintWriter out, Object document) {
        try {
            out.println(WRITER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    static double millis(Duration d) {
        return round(d.toNanos() / 1e6);
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}

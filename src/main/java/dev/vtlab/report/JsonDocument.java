package dev.vtlab.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The JSON of {@code bench --format json} and {@code --metrics=json}: records written by Jackson, compact, with two
 * rules of their own. A double that is whole is written without {@code .0} ({@code "count":3}); NaN and infinity,
 * which JSON cannot spell, are written as {@code null}. And the items of the document's top-level list go one per
 * line, so that {@code grep} finds a row or a meter without {@code jq}.
 */
final class JsonDocument {

    /** Immutable and thread-safe, unlike the ObjectMapper that made it. */
    private static final ObjectWriter WRITER = new ObjectMapper()
            .registerModule(new SimpleModule("vtlab numbers")
                    .addSerializer(Double.class, new WholeOrNull())
                    .addSerializer(double.class, new WholeOrNull()))
            .writer(new ItemPerLine());

    private JsonDocument() {
    }

    /** Writes one document and a line break, then flushes. */
    static void print(PrintWriter out, Object document) {
        out.println(write(document));
        out.flush();
    }

    /** A number as the documents spell it, for text that must agree with them: {@code 3}, {@code 0.12}, null. */
    static String number(double value) {
        return write(value);
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Micrometer hands out every value as a double, counts included; 1e15 is where doubles stop being exact. */
    private static final class WholeOrNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        WholeOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double d, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d);
            }
        }
    }

    /** Compact, except that a list which is a field of the document puts each item on its own line. */
    private static final class ItemPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isTopLevelList(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(isTopLevelList(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (isTopLevelList(g) && nrOfValues > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        /** Called while the list is the generator's current context: list, then document object, then root. */
        private static boolean isTopLevelList(JsonGenerator g) {
            JsonStreamContext list = g.getOutputContext();
            return list.inArray() && list.getParent().inObject() && list.getParent().getParent().inRoot();
        }
    }
}

package dev.vtlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code --format json}: the page's envelope and data as one indented document, for {@code jq} and scripts. Every
 * lesson and tool writes the same top-level keys ({@link Page}); {@code schema/vtlab-result.schema.json} describes
 * them and each lesson's runs, and a test validates every document against it.
 */
public final class JsonRenderer {

    /** Configured here once and never again, which makes it safe to share; records serialise by their accessors. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Immutable and thread-safe. */
    private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonRenderer() {
    }

    /** Writes the document and a line break, then flushes: the whole of stdout under {@code --format json}. */
    public static void write(PrintWriter out, Page page) {
        try {
            out.print(PageJson.wanted() ? PageJson.write(page) + "\n" : string(page));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** Any record as one indented document: the side-by-side document of several JDKs' pages. */
    public static void writeValue(PrintWriter out, Object document) {
        try {
            out.println(WRITER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** The document as a string, as {@link #write} prints it. */
    public static String string(Page page) {
        try {
            return WRITER.writeValueAsString(page) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, to read fields from as a script reads them: how {@code vtlab course} judges a step. */
    public static JsonNode tree(Page page) {
        return MAPPER.valueToTree(page);
    }
}

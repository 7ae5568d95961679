package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;

import java.util.Arrays;
import java.util.List;

/**
 * A whole {@link Page}, its blocks too, as JSON and back: how a lesson run on another JDK, in a child JVM, hands its
 * page to the JVM that sets the JDKs side by side ({@code --jdk 21,25}). Only between two vtlab processes of the same
 * jar: the blocks are the report's inner shape, not part of the published schema, which the children's documents
 * otherwise follow unchanged ({@code --format json} leaves the blocks out).
 *
 * <p>Done with a Jackson mix-in rather than annotations on {@link Block}, so the renderers' types stay free of how
 * one process tells another about them: each block is tagged with its record's simple name ({@code "block":
 * "Heading"}).
 */
public final class PageJson {

    /** The system property that makes {@code --format json} write the blocks too (set for the child JVMs). */
    public static final String WITH_BLOCKS = "vtlab.page.blocks";

    private static final ObjectMapper MAPPER = mapper();

    private PageJson() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "block")
    private interface BlockMixIn {
    }

    /** A page with its blocks: {@link Page} itself leaves them out of JSON. */
    private record Wire(int schema, String lesson, String title, String command, Page.Machine machine, String grade,
                        boolean interrupted, List<Object> runs, Object summary, List<Block> blocks) {
    }

    private static ObjectMapper mapper() {
        var mapper = new ObjectMapper()
                .addMixIn(Block.class, BlockMixIn.class)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.registerSubtypes(Arrays.stream(Block.class.getPermittedSubclasses()).map(NamedType::new)
                .toArray(NamedType[]::new));
        return mapper;
    }

    /** True if this JVM was asked to write its page's blocks with its JSON. */
    static boolean wanted() {
        return Boolean.getBoolean(WITH_BLOCKS);
    }

    static String write(Page page) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(new Wire(page.schema(), page.lesson(),
                page.title(), page.command(), page.machine(), page.grade(), page.interrupted(), page.runs(),
                page.summary(), page.blocks()));
    }

    /** The page a child JVM wrote; its runs and summary come back as JSON objects (maps and lists). */
    public static Page read(String json) throws JsonProcessingException {
        Wire w = MAPPER.readValue(json, Wire.class);
        return new Page(w.schema(), w.lesson(), w.title(), w.command(), w.machine(), w.grade(), w.interrupted(),
                w.runs(), w.summary(), w.blocks());
    }
}

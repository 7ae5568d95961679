package dev.vtlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vtlab.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every lesson's {@code --format json} follows one schema, {@code schema/vtlab-result.schema.json}, checked by a JSON
 * Schema validator: the same top-level keys for all, numbers as numbers, and each lesson's runs as the schema says.
 */
class SchemaTest {

    private static Schema schema;

    @BeforeAll
    static void readTheSchema() throws Exception {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schema/vtlab-result.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "counter --delay 1ms",
        "counter --sync cas --tasks 7 --delay 0 --no-join",
        "counter --sync synchronized --threads scope --delay 0",
        "account --trials 50",
        "account --ops=+50,-150,+20 --trials 20 --schedule serial --sync none",
        "account --delay deposit=1ms,withdrawal=2ms --trials 20 --threads platform",
        "pinning --workers 2 --hold 20ms --tick 5ms",
        "failure --work 100ms",
        "failure --no-failure --work 80ms --threads platform"})
    @Timeout(60)
    void everyLessonsJsonFollowsTheSchema(String args) throws Exception {
        JsonNode doc = json((args + " --format json").split(" "));
        List<Error> errors = schema.validate(doc);
        assertEquals(List.of(), errors, doc.toPrettyString());
    }

    /** {@code vtlab jfr FILE --format json} of a recording with pinning, contention and the lab's events. */
    @Test
    @Timeout(60)
    void theSummaryOfARecordingFollowsTheSchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        String file = tmp.resolve("p.jfr").toString();
        var out = new StringWriter();
        var err = new StringWriter();
        assertEquals(0, Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("pinning", "--workers", "3", "--hold", "30ms", "--jfr=" + file), err.toString());
        JsonNode doc = json("jfr", file, "--format", "json");
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
        assertEquals(3, doc.at("/runs/0/pinned/count").asInt(), doc.toPrettyString());
    }

    /** {@code vtlab bench --format json}: every row, its parameters as numbers, its figures and raw runs. */
    @Test
    @Timeout(120)
    void benchFollowsTheSchema() throws Exception {
        JsonNode doc = json("bench", "scope", "--quick", "--format", "json");
        assertEquals(List.of(), schema.validate(doc), doc.toPrettyString());
    }

    /** The schema can fail: a document with a wrong type, a missing key or an unknown one is refused. */
    @Test
    @Timeout(30)
    void theSchemaRefusesWhatItDoesNotDescribe() throws Exception {
        JsonNode doc = json("counter", "--delay", "0", "--format", "json");
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("runs").get(0)).put("actual", "ten");
        assertFalse(schema.validate(broken).isEmpty(), "a string where a number belongs");
        var missing = (com.fasterxml.jackson.databind.node.ObjectNode) doc.deepCopy();
        missing.remove("machine");
        assertFalse(schema.validate(missing).isEmpty(), "a missing top-level key");
        var extra = (com.fasterxml.jackson.databind.node.ObjectNode) doc.deepCopy();
        extra.put("surprise", 1);
        assertFalse(schema.validate(extra).isEmpty(), "an unknown top-level key");
    }

    private static JsonNode json(String... args) throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }
}

package dev.vtlab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(5)
class JsonDocumentTest {

    record Doc(String name, List<Object> items) {
    }

    @Test
    void wholeNumbersLoseTheirPointAndNanAndInfinityAreNull() {
        assertEquals("3", JsonDocument.number(3.0));
        assertEquals("0.12", JsonDocument.number(0.12));
        assertEquals("null", JsonDocument.number(Double.NaN));
        assertEquals("null", JsonDocument.number(Double.NEGATIVE_INFINITY));
        assertEquals("1.0E15", JsonDocument.number(1e15));
    }

    @Test
    void theTopLevelListHasOneItemPerLineAndNestedListsStayCompact() {
        var out = new StringWriter();
        JsonDocument.print(new PrintWriter(out), new Doc("d\"1", List.of(Map.of("a", 1.0), List.of(2.5, Double.NaN))));
        assertEquals("{\"name\":\"d\\\"1\",\"items\":[\n{\"a\":1},\n[2.5,null]\n]}" + System.lineSeparator(),
                out.toString());
    }
}

package dev.vtlab.report;

import dev.vtlab.bench.Summary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(5)
class BenchReportTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2556.4  | 2,556",
        "128     | 128",
        "14.23   | 14.2",
        "0.587   | 0.59",
        "3       | 3",
        "0       | 0",
        "1029.7  | 1,030"})
    void numbersKeepThreeSignificantDigitsOrTheWholePart(double value, String expected) {
        assertEquals(expected, BenchReport.number(value));
    }

    @Test
    void aSummaryIsMedianMinMaxAndRuns() {
        assertEquals("2,556 [2,114–3,156] (5)", BenchReport.summary(new Summary(2556, 2114, 3156, 5)));
        assertEquals("1.76 [1.50–2.10] (5)", BenchReport.summary(new Summary(1.76, 1.5, 2.1, 5)));
    }

    @Test
    void oneRunOrNoSpreadPrintsTheValueAndTheCount() {
        assertEquals("80.7 (1)", BenchReport.summary(new Summary(80.7, 80.7, 80.7, 1)));
        assertEquals("5,000 (3)", BenchReport.summary(new Summary(5000, 5000, 5000, 3)));
    }
}

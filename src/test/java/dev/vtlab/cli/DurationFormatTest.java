package dev.vtlab.cli;

import dev.vtlab.lesson.DurationFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A formatted duration is an option value the converter reads back to the same duration. */
class DurationFormatTest {

    private final Converters.DurationConverter converter = new Converters.DurationConverter();

    @ParameterizedTest
    @CsvSource({"0, 0", "7, 7ns", "250000, 250us", "1500000, 1.5ms", "100000000, 100ms", "1500000000, 1.5s",
        "60000000000, 60s", "1000000001, 1.000000001s"})
    @Timeout(5)
    void writesTheLargestUnitReachedWithTheDecimalsItNeeds(long nanos, String text) {
        assertEquals(text, DurationFormat.format(Duration.ofNanos(nanos)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 250_000, 999_999, 1_000_000, 100_000_000, 1_500_000_000, 1_000_000_001,
        123_456_789_012L, 3_600_000_000_000L})
    @Timeout(5)
    void theConverterReadsItBackToTheSameDuration(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, converter.convert(DurationFormat.format(d)));
    }

    @Test
    @Timeout(5)
    void refusesANegativeDuration() {
        assertThrows(IllegalArgumentException.class, () -> DurationFormat.format(Duration.ofMillis(-1)));
    }
}

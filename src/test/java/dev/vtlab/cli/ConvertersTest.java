package dev.vtlab.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConvertersTest {

    private final Converters.DurationConverter durations = new Converters.DurationConverter();

    @ParameterizedTest
    @CsvSource({"100ms, 100000000", "100, 100000000", "0.5s, 500000000", "250us, 250000", "0, 0", "2m, 120000000000",
        "1.5 ms, 1500000", "7ns, 7"})
    void readsDurationsWithOrWithoutAUnit(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), durations.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1ms", "abc", "10 parsecs", "", "61m"})
    void rejectsWhatIsNotAPositiveDuration(String text) {
        assertThrows(TypeConversionException.class, () -> durations.convert(text));
    }
}

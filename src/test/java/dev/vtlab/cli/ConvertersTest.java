package dev.vtlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class ConvertersTest {

    private final Converters.DurationConverter durations = new Converters.DurationConverter();

    @ParameterizedTest
    @CsvSource({"100ms, 100000000", "100, 100000000", "0.5s, 500000000", "250us, 250000", "0, 0", "2m, 120000000000",
        "1.5 ms, 1500000", "7ns, 7"})
    void readsDurationsWithOrWithoutAUnit(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), durations.convert(text));
    }

    /** The bounds are inclusive; outside them, picocli's own wording with the option, the value and the range. */
    @Test
    @Timeout(5)
    void inRangeKeepsTheBoundsAndNamesTheRangeOutsideThem() {
        CommandSpec spec = new CommandLine(CommandSpec.create()).getCommandSpec();
        assertEquals(1, Converters.inRange(spec, "--runs", 1, 1, 1000));
        assertEquals(1000, Converters.inRange(spec, "--runs", 1000, 1, 1000));
        assertEquals(2_000_000_000L, Converters.inRange(spec, "--ops", 2_000_000_000L, 1_000, 2_000_000_000L));
        var low = assertThrows(ParameterException.class, () -> Converters.inRange(spec, "--runs", 0, 1, 1000));
        assertEquals("Invalid value for option '--runs': 0 is out of range; use a whole number from 1 to 1000",
                low.getMessage());
        var high = assertThrows(ParameterException.class,
                () -> Converters.inRange(spec, "--ops", 3_000_000_000L, 1_000, 2_000_000_000L));
        assertEquals("Invalid value for option '--ops': 3000000000 is out of range; use a whole number from 1000 to"
                + " 2000000000", high.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1ms", "abc", "10 parsecs", "", "61m"})
    void rejectsWhatIsNotAPositiveDuration(String text) {
        assertThrows(TypeConversionException.class, () -> durations.convert(text));
    }
}

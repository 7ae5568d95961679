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

import dev.vtlab.lesson.Delays;
import dev.vtlab.lesson.Transaction;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ConvertersTest {

    private final Converters.DurationConverter durations = new Converters.DurationConverter();

    @ParameterizedTest
    @CsvSource({"100ms, 100000000", "0.5s, 500000000", "250us, 250000", "0, 0", "0.0, 0", "2m, 120000000000",
        "1.5 ms, 1500000", "7ns, 7"})
    void readsDurationsWithAUnitAndZeroWithout(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), durations.convert(text));
    }

    /** A Python user's --delay 0.1 means seconds: a bare number is refused, with both readings offered. */
    @ParameterizedTest
    @CsvSource({"0.1, '0.1' has no unit; write 0.1ms or 0.1s", "100, '100' has no unit; write 100ms or 100s"})
    void refusesABareNumberAndSuggestsAUnit(String text, String message) {
        var e = assertThrows(TypeConversionException.class, () -> durations.convert(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    /** Per-transaction delays: NAME=DURATION pairs, names without spaces or case; one duration stays one. */
    @Test
    void readsOneDelayOrOnePerTransaction() {
        var delays = new Converters.DelaysConverter();
        assertEquals(Delays.all(Duration.ofMillis(5)), delays.convert("5ms"));
        Delays named = delays.convert("Deposit=2ms, withdrawal 2=5ms").orElse(Duration.ofMillis(1));
        assertEquals(Duration.ofMillis(2), named.of(new Transaction("deposit", 50)));
        assertEquals(Duration.ofMillis(5), named.of(new Transaction("withdrawal 2", -10)));
        assertEquals(Duration.ofMillis(1), named.of(new Transaction("withdrawal", -150)));
        assertThrows(TypeConversionException.class, () -> delays.convert("deposit=2"));
        assertThrows(TypeConversionException.class, () -> delays.convert("deposit=2ms,deposit=3ms"));
        assertThrows(TypeConversionException.class, () -> delays.convert("=2ms"));
    }

    /** Counts name their range whatever went wrong: too big for a long, separators, scientific notation, words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2147483648|2147483648 is out of range",
        "99999999999999999999|'99999999999999999999' is out of range",
        "1e4|'1e4' is in scientific notation; write 10000",
        "10,000|'10,000' has separators; write 10000",
        "ten|'ten' is not a whole number",
        "0|0 is out of range"})
    void wholeNumbersNameTheRangeWhateverWentWrong(String text, String why) {
        CommandSpec spec = new CommandLine(CommandSpec.create()).getCommandSpec();
        var e = assertThrows(ParameterException.class,
                () -> Converters.wholeNumber(spec, "--trials", text, 1, 100_000_000));
        assertEquals("Invalid value for option '--trials': " + why + "; use a whole number from 1 to 100000000",
                e.getMessage());
        assertEquals(10_000, Converters.wholeNumber(spec, "--trials", " 10000 ", 1, 100_000_000));
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

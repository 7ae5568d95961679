package dev.vtlab.cli;

import dev.vtlab.lesson.Delays;
import dev.vtlab.lesson.FailureLesson.Failure;
import dev.vtlab.lesson.Schedule;
import dev.vtlab.report.MetricsFormat;
import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ThreadKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * picocli converters for the lab's own types. Each error message names the bad value and the valid ones; picocli
 * prefixes it with the option's name.
 */
final class Converters {

    private Converters() {
    }

    /**
     * {@code value} if it lies in {@code [min, max]}; else the house message, as picocli words its own errors:
     * {@code Invalid value for option '--runs': 0 is out of range; use a whole number from 1 to 1000}. For an
     * option whose setter receives the number (picocli has no range attribute).
     */
    static long inRange(CommandSpec spec, String option, long value, long min, long max) {
        return inRange(spec, option, value, min, max, "whole number");
    }

    /** {@link #inRange(CommandSpec, String, long, long, long)} for an {@code int} option. */
    static int inRange(CommandSpec spec, String option, int value, int min, int max) {
        return Math.toIntExact(inRange(spec, option, (long) value, min, max));
    }

    /** The same check, naming what the number is: {@code use a task number from 1 to 3}. */
    static int inRange(CommandSpec spec, String option, int value, int min, int max, String noun) {
        return Math.toIntExact(inRange(spec, option, (long) value, min, max, noun));
    }

    private static long inRange(CommandSpec spec, String option, long value, long min, long max, String noun) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + value
                    + " is out of range; use a " + noun + " from " + min + " to " + max);
        }
        return value;
    }

    /** Case-insensitive lookup of an enum constant by its command-line name. */
    abstract static class ByCliName<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {
        private final E[] values;
        private final Function<E, String> cliName;

        ByCliName(E[] values, Function<E, String> cliName) {
            this.values = values;
            this.cliName = cliName;
        }

        @Override
        public E convert(String value) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (cliName.apply(e).equals(wanted)) {
                    return e;
                }
            }
            throw new TypeConversionException("unknown value '" + value + "'; use one of " + String.join(", ", this));
        }

        /** The valid names, for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts. */
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(Arrays.stream(values).map(cliName).toList()).iterator();
        }
    }

    static final class ThreadKindConverter extends ByCliName<ThreadKind> {
        ThreadKindConverter() {
            super(ThreadKind.values(), ThreadKind::cliName);
        }
    }

    /** {@code --threads} of a lesson whose tasks go to an executor: a scope is not an executor. */
    static final class ExecutorThreadKindConverter extends ByCliName<ThreadKind> {
        ExecutorThreadKindConverter() {
            super(Arrays.stream(ThreadKind.values()).filter(ThreadKind::isExecutor).toArray(ThreadKind[]::new),
                    ThreadKind::cliName);
        }
    }

    static final class FailureConverter extends ByCliName<Failure> {
        FailureConverter() {
            super(Failure.values(), Failure::cliName);
        }
    }

    static final class MetricsFormatConverter extends ByCliName<MetricsFormat> {
        MetricsFormatConverter() {
            super(MetricsFormat.values(), MetricsFormat::cliName);
        }
    }

    static final class SyncConverter extends ByCliName<Sync> {
        SyncConverter() {
            super(Sync.values(), Sync::cliName);
        }
    }

    /**
     * {@code 100ms}, {@code 0.5s}, {@code 250us}, {@code 2m}, or {@code 0}; never negative, at most an hour. A bare
     * number other than 0 is refused: a Python user's {@code --delay 0.1} means seconds, and reading it as
     * milliseconds (as vtlab once did) silently ran a thousand times faster than meant.
     */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value
                        + "' is not a duration; use a number with a unit (ns, us, ms, s, m), such as 100ms or 0.1s");
            }
            BigDecimal amount = new BigDecimal(m.group(1));
            if (amount.signum() < 0) {
                throw new TypeConversionException("'" + value + "' is negative; use 0 or more, such as 100ms");
            }
            if (m.group(2) == null && amount.signum() != 0) {
                String n = amount.toPlainString();
                throw new TypeConversionException("'" + value + "' has no unit; write " + n + "ms or " + n
                        + "s (units: ns, us, ms, s, m; only 0 needs none)");
            }
            String unit = m.group(2) == null ? "ms" : m.group(2);
            long nanosPerUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> throw new IllegalStateException("pattern admits unit " + unit);
            };
            BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
            if (nanos.compareTo(BigDecimal.valueOf(Duration.ofHours(1).toNanos())) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than an hour; use at most 60m");
            }
            return Duration.ofNanos(nanos.longValue());
        }
    }

    /**
     * {@code --delay} of a race lesson: one duration for every task ({@code 100ms}), or one per transaction by name
     * ({@code deposit=2ms,withdrawal=5ms}), which only the account lesson accepts (it checks the names).
     */
    static final class DelaysConverter implements ITypeConverter<Delays> {
        private final DurationConverter durations = new DurationConverter();

        @Override
        public Delays convert(String value) {
            if (!value.contains("=")) {
                return Delays.all(durations.convert(value));
            }
            Map<String, Duration> named = new LinkedHashMap<>();
            for (String part : value.split(",", -1)) {
                String[] pair = part.split("=", -1);
                if (pair.length != 2 || pair[0].isBlank()) {
                    throw new TypeConversionException("'" + value + "' is not a list of NAME=DURATION; use one"
                            + " duration (5ms) or one per transaction, such as deposit=2ms,withdrawal=5ms");
                }
                String name = Delays.key(pair[0]);
                if (named.put(name, durations.convert(pair[1].trim())) != null) {
                    throw new TypeConversionException("'" + value + "' names " + pair[0].trim() + " twice");
                }
            }
            return Delays.named(named);
        }
    }

    /**
     * A whole number from {@code min} to {@code max} for an option whose setter receives the text, so every refusal
     * names the range: {@code 1e4}, {@code 10,000} and {@code 2147483648} are explained, not "not an int".
     */
    static long wholeNumber(CommandSpec spec, String option, String text, long min, long max) {
        String t = text.trim();
        String why = null;
        if (t.matches("[+-]?\\d+")) {
            try {
                return inRange(spec, option, Long.parseLong(t), min, max);
            } catch (NumberFormatException tooBig) {
                why = "'" + text + "' is out of range";
            }
        } else if (t.matches("[+-]?\\d{1,3}([,_ ]\\d{3})+")) {
            why = "'" + text + "' has separators; write " + t.replaceAll("[,_ ]", "");
        } else if (t.matches("[+-]?\\d+(\\.\\d+)?[eE][+-]?\\d+")) {
            BigDecimal v = new BigDecimal(t);
            why = "'" + text + "' is in scientific notation; write "
                    + (v.stripTrailingZeros().scale() <= 0 ? v.toBigInteger().toString() : "a whole number");
        } else {
            why = "'" + text + "' is not a whole number";
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why
                + "; use a whole number from " + min + " to " + max);
    }

    /** {@link #wholeNumber(CommandSpec, String, String, long, long)} for an {@code int} option. */
    static int wholeNumber(CommandSpec spec, String option, String text, int min, int max) {
        return Math.toIntExact(wholeNumber(spec, option, text, (long) min, (long) max));
    }

    static final class ScheduleConverter extends ByCliName<Schedule> {
        ScheduleConverter() {
            super(Schedule.values(), Schedule::cliName);
        }
    }

    static final class FormatConverter extends ByCliName<Format> {
        FormatConverter() {
            super(Format.values(), Format::cliName);
        }
    }

    /**
     * {@code +50,-150,+20}: signed whole amounts, comma-separated, at least one, each of at most 12 digits, so
     * that with a balance within 10^15 no order of the transactions can leave the range of a {@code long}.
     */
    static final class AmountsConverter implements ITypeConverter<List<Long>> {
        private static final Pattern AMOUNT = Pattern.compile("[+-]?\\d{1,12}");

        @Override
        public List<Long> convert(String value) {
            List<Long> amounts = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                String amount = part.trim();
                if (!AMOUNT.matcher(amount).matches()) {
                    throw new TypeConversionException("'" + value + "' is not a list of whole amounts; use signed"
                            + " numbers from -999999999999 to 999999999999, separated by commas, such as"
                            + " +50,-150,+20");
                }
                amounts.add(Long.parseLong(amount));
            }
            return List.copyOf(amounts);
        }
    }
}

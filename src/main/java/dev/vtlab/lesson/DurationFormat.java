package dev.vtlab.lesson;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A duration as an option value that {@code --delay}'s converter reads back to the same duration:
 * {@code 250us}, {@code 100ms}, {@code 1.5s}. A recorded setup is then a command line that repeats the run;
 * {@code toMillis()} would have written {@code --delay 250us} as {@code 0ms}.
 */
public final class DurationFormat {

    /** The units the converter reads, largest first, as nanoseconds. Minutes are left to seconds: 90s, not 1.5m. */
    private static final long[] NANOS = {1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNITS = {"s", "ms", "us", "ns"};

    private DurationFormat() {
    }

    /**
     * The largest unit the duration reaches, with as many decimals as it needs (exact: each unit is a power of ten
     * nanoseconds); {@code 0} for zero.
     *
     * @throws IllegalArgumentException for a negative duration, which no option accepts
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("an option's duration is never negative, got " + duration);
        }
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0";
        }
        int unit = 0;
        while (nanos < NANOS[unit]) {
            unit++;
        }
        BigDecimal amount = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(NANOS[unit]));
        return amount.stripTrailingZeros().toPlainString() + UNITS[unit];
    }
}

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

    /**
     * A duration as a person reads it, to two or three figures: {@code 350 µs}, {@code 1.5 ms}, {@code 12 s},
     * {@code 3 min 20 s}, {@code 2 h 47 min}. For estimates and progress, not for options (see {@link #format}).
     */
    public static String readable(Duration duration) {
        long nanos = Math.max(0, duration.toNanos());
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return figures(nanos / 1e3) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return figures(nanos / 1e6) + " ms";
        }
        long seconds = Math.round(nanos / 1e9);
        if (nanos < 60_000_000_000L) {
            return figures(nanos / 1e9) + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = Math.round(nanos / 6e10);
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** Two decimals below 10, one below 100, none above; trailing zeros dropped: 1.5, 12, 350. */
    private static String figures(double value) {
        int scale = value < 10 ? 2 : value < 100 ? 1 : 0;
        return BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}

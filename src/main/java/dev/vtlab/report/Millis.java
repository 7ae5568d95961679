package dev.vtlab.report;

import java.time.Duration;
import java.util.Locale;

/**
 * How the text reports print a duration: in milliseconds, with the unit. Two forms, so a setting the user typed reads
 * as typed ({@code delay 1 ms}) while a measurement keeps its tenths ({@code 1.0 ms}) and columns line up.
 */
final class Millis {

    private Millis() {
    }

    /** A measurement, always to a tenth: {@code 12.0 ms}, {@code 0.3 ms}. */
    static String of(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** A duration as JSON writes it: milliseconds, to three decimals. */
    static double json(Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1000.0;
    }

    /** Milliseconds from one {@link System#nanoTime()} to another, to three decimals. */
    static double between(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e3) / 1000.0;
    }

    /** A setting or a total, without a tenth when it is whole: {@code 1 ms}, {@code 0.5 ms}. */
    static String brief(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%d ms", (long) ms)
                : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}

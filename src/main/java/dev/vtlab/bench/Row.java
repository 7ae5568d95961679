package dev.vtlab.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one configuration measured.
 *
 * @param warmups   the untimed runs, in order (the first one is the cold run)
 * @param runs      the timed runs, in order
 * @param peakRssKb the child JVM's peak resident set (VmHWM) at its end, or -1 where /proc is missing
 * @param took      the child JVM's whole life, start-up included
 */
public record Row(Config config, List<Sample> warmups, List<Sample> runs, long peakRssKb, Duration took) {

    public Row {
        warmups = List.copyOf(warmups);
        runs = List.copyOf(runs);
    }

    /** A row that did not run: only its reason is reported. */
    public static Row skipped(Config config) {
        return new Row(config, List.of(), List.of(), -1, Duration.ZERO);
    }
}

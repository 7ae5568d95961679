package dev.vtlab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One figure over the timed runs of a configuration: median, smallest, largest, and how many runs. The median of an
 * even number of runs is the mean of the middle two.
 */
public record Summary(double median, double min, double max, int runs) {

    public Summary {
        if (runs < 1) {
            throw new IllegalArgumentException("a summary needs at least one run, got " + runs);
        }
        if (!(min <= median && median <= max)) {
            throw new IllegalArgumentException("need min <= median <= max, got " + min + ", " + median + ", " + max);
        }
    }

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one value");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.getFirst(), sorted.getLast(), n);
    }
}

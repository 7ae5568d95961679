package dev.vtlab.bench;

import java.util.Arrays;

/**
 * How long the threads of a {@code locks} run really worked side by side: the share of the run's span (first start
 * to last end, as the threads themselves saw it) during which at least two threads were between the start and the
 * end of their own share of the increments.
 *
 * <p>For two threads this is {@code (min(end) − max(start)) / (max(end) − min(start))}, clamped at 0: 100 % means
 * they started and finished together, 0 % means one had finished before the other started, so nothing was
 * contended. For N threads the same definition still reads "at least two shares were in progress" and does not
 * collapse to 0 as "all N at once" would: 10,000 virtual threads on 2 carriers never all run at once, but with two
 * carriers busy, two shares are in progress nearly all the time.
 *
 * <p>An upper bound on true parallelism: a platform thread the OS has descheduled, or a virtual thread parked on a
 * lock, still counts as in progress. It says "could have contended", not "ran on two cores".
 */
public final class Overlap {

    private Overlap() {
    }

    /**
     * The fraction, 0 to 1, of {@code max(ends) − min(starts)} covered by at least two of the intervals
     * {@code [starts[i], ends[i]]}. One interval, or a span of 0 ns, gives 0.
     *
     * @param starts each thread's {@link System#nanoTime()} when it began its share
     * @param ends   the same thread's {@link System#nanoTime()} when it had done its share; same length, each
     *               {@code ends[i] >= starts[i]}
     */
    public static double fraction(long[] starts, long[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("need one end per start, got " + starts.length + " starts and "
                    + ends.length + " ends");
        }
        for (int i = 0; i < starts.length; i++) {
            if (ends[i] < starts[i]) {
                throw new IllegalArgumentException("thread " + i + " ended (" + ends[i] + ") before it started ("
                        + starts[i] + ")");
            }
        }
        if (starts.length < 2) {
            return 0;
        }
        long[] s = starts.clone();
        long[] e = ends.clone();
        Arrays.sort(s);
        Arrays.sort(e);
        long span = e[e.length - 1] - s[0];
        if (span == 0) {
            return 0;
        }
        // Sweep the sorted starts and ends together; inProgress is the number of intervals covering (previous, next).
        // Ties do not matter: they delimit segments of length 0.
        long covered = 0;
        int inProgress = 0;
        int i = 0;
        int j = 0;
        long previous = s[0];
        while (j < e.length) {
            long next = i < s.length && s[i] <= e[j] ? s[i] : e[j];
            if (inProgress >= 2) {
                covered += next - previous;
            }
            previous = next;
            if (i < s.length && s[i] <= e[j]) {
                i++;
                inProgress++;
            } else {
                j++;
                inProgress--;
            }
        }
        return (double) covered / span;
    }
}

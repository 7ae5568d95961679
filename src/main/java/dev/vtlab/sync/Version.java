package dev.vtlab.sync;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One stored state of a shared value (the lessons' database, an account): the value, who wrote it, and which version that writer had read.
 *
 * <p>Numbers follow store order: version {@code n + 1} was stored after version {@code n}. The final value is a chain:
 * the last version, the version its writer read, the one that writer read, and so on back to the start. A version
 * off that chain is a <em>lost update</em>: its effect is not in the final value, because a writer that never saw it
 * (or saw only a version that was itself lost) stored on top of it. See {@link #lost(List)}.
 *
 * @param number  0 for the initial value, then 1, 2, ... in the order the writes reached the cell
 * @param value   the stored value
 * @param writer  the task that stored it, or {@link #INITIAL} for the starting value
 * @param basedOn the number of the version the writer had read, or -1 for the initial value
 */
public record Version(int number, long value, String writer, int basedOn) {

    /** The writer name of version 0. */
    public static final String INITIAL = "(initial)";

    public Version {
        if (number < 0) {
            throw new IllegalArgumentException("version number must be >= 0, got " + number);
        }
        if (basedOn >= number) {
            throw new IllegalArgumentException("version " + number + " cannot be based on " + basedOn);
        }
    }

    /**
     * The numbers of the versions in {@code history} whose effect is not in the final value: every version off the
     * chain of reads that leads back from the last one. The initial version is always on the chain.
     *
     * @param history every version of one cell, in store order, numbered 0, 1, 2, ... as a lesson's database keeps them
     */
    public static Set<Integer> lost(List<Version> history) {
        boolean[] chain = chain(history);
        Set<Integer> lost = new HashSet<>();
        for (Version v : history) {
            if (!chain[v.number()]) {
                lost.add(v.number());
            }
        }
        return Set.copyOf(lost);
    }

    /**
     * For each version number in {@code history}, whether it is on the chain of reads behind the final value (the
     * complement of {@link #lost}); an array rather than a set, because every trial of the account lesson asks.
     */
    public static boolean[] chain(List<Version> history) {
        boolean[] chain = new boolean[history.size()];
        for (int v = history.getLast().number(); v >= 0; v = history.get(v).basedOn()) {
            chain[v] = true;
        }
        return chain;
    }

    /** The version a value starts as, before any task wrote. */
    public static Version initial(long value) {
        return new Version(0, value, INITIAL, -1);
    }
}

package dev.vtlab.sync;

/**
 * One stored state of a {@link Cell}: the value, who wrote it, and which version that writer had read.
 *
 * <p>Numbers follow store order: version {@code n + 1} was stored after version {@code n}. A version that no
 * later writer had read, and that is not the last one, is a <em>lost update</em>: it was overwritten by a writer
 * that never saw it.
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

    static Version initial(long value) {
        return new Version(0, value, INITIAL, -1);
    }
}

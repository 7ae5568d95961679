package dev.vtlab.lesson;

import dev.vtlab.sync.Version;

import java.util.Arrays;
import java.util.List;

/** What a run of updates ended with, judged against the value every update applied in turn would give. */
public sealed interface Outcome {

    long expected();

    long actual();

    /** How many stored values were overwritten unseen: 0 for a consistent outcome. */
    default long lostCount() {
        return switch (this) {
            case Consistent c -> 0;
            case LostUpdates l -> l.overwrites().size();
        };
    }

    /** Every update was seen by the next one: the ending value is the expected one. */
    record Consistent(long expected, long actual) implements Outcome {
        public Consistent {
            if (expected != actual) {
                throw new IllegalArgumentException("consistent, yet expected " + expected + " and got " + actual);
            }
        }
    }

    /** At least one stored value was overwritten by a writer that had not read it. */
    record LostUpdates(long expected, long actual, List<Overwrite> overwrites) implements Outcome {
        public LostUpdates {
            overwrites = List.copyOf(overwrites);
            if (overwrites.isEmpty()) {
                throw new IllegalArgumentException("lost updates need at least one overwrite");
            }
        }
    }

    /**
     * Judges a cell's history. A write off the chain of reads behind the final value is lost ({@link Version#lost});
     * the version that buried it is the first chain version stored after it, whose writer had read something older.
     */
    static Outcome of(long expected, List<Version> history) {
        boolean[] chain = Version.chain(history);
        // One backward pass: remember the nearest chain version stored after each position (linear, not n^2).
        Overwrite[] buried = new Overwrite[history.size()];
        Version nextOnChain = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            Version v = history.get(i);
            if (chain[v.number()]) {
                nextOnChain = v;
            } else {
                buried[i] = new Overwrite(v, nextOnChain);
            }
        }
        int lost = 0;
        for (Overwrite o : buried) {
            if (o != null) {
                buried[lost++] = o; // moved to the front, in store order
            }
        }
        long actual = history.getLast().value();
        return switch (lost) { // judged once per trial, millions of times a run: no list grown and copied
            case 0 -> new Consistent(expected, actual);
            case 1 -> new LostUpdates(expected, actual, List.of(buried[0]));
            default -> new LostUpdates(expected, actual, List.of(Arrays.copyOf(buried, lost)));
        };
    }
}

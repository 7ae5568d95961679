package dev.vtlab.lesson;

import dev.vtlab.sync.Version;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a run of updates ended with, judged against the value every update applied in turn would give. */
public sealed interface Outcome {

    long expected();

    long actual();

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
     * Judges a cell's history. A version is lost when no later writer read it and it is not the last; the version
     * that buried it is the next one stored.
     */
    static Outcome of(long expected, List<Version> history) {
        Set<Integer> read = new HashSet<>();
        for (Version v : history) {
            read.add(v.basedOn());
        }
        List<Overwrite> overwrites = new ArrayList<>();
        for (int i = 1; i < history.size() - 1; i++) {
            Version v = history.get(i);
            if (!read.contains(v.number())) {
                overwrites.add(new Overwrite(v, history.get(i + 1)));
            }
        }
        long actual = history.getLast().value();
        return overwrites.isEmpty() ? new Consistent(expected, actual) : new LostUpdates(expected, actual, overwrites);
    }
}

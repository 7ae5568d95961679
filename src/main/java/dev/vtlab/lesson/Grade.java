package dev.vtlab.lesson;

import dev.vtlab.sync.Sync;

/** jcstress's vocabulary for an observed outcome. */
public enum Grade {
    /** The correct result. */
    EXPECTED,
    /** A lost update without synchronisation: the race the lesson is about. */
    INTERESTING,
    /** A lost update under a guard that promises none: a broken promise, and a non-zero exit code. */
    FORBIDDEN;

    public static Grade of(Outcome outcome, Sync sync) {
        return switch (outcome) {
            case Outcome.Consistent c -> EXPECTED;
            case Outcome.LostUpdates l when sync.promisesAtomicity() -> FORBIDDEN;
            case Outcome.LostUpdates l -> INTERESTING;
        };
    }
}

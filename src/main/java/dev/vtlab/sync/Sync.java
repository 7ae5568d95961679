package dev.vtlab.sync;

import java.util.function.Supplier;

/**
 * How the read-add-write of an {@link Update} is guarded ({@code --sync}). Each constant names one strategy and
 * makes its {@link Guard}: one per cell, so each guard owns its lock.
 */
public enum Sync {

    /** Nothing: two tasks may both read before either writes, and one update is lost. */
    NONE("none", false, "no synchronisation", NoGuard::new),

    /** A {@code synchronized} block: one task at a time from "starting update" to "finishing update". */
    SYNCHRONIZED("synchronized", true, "a synchronized block", MonitorGuard::new),

    /** A {@link java.util.concurrent.locks.ReentrantLock}, released in {@code finally}. */
    LOCK("lock", true, "a ReentrantLock", LockGuard::new),

    /** No lock: compare-and-set the version read, and on conflict read again and retry. */
    CAS("cas", true, "a compare-and-set loop", CasGuard::new);

    private final String cliName;
    private final boolean atomic;
    private final String description;
    private final Supplier<Guard> guards;

    Sync(String cliName, boolean atomic, String description, Supplier<Guard> guards) {
        this.cliName = cliName;
        this.atomic = atomic;
        this.description = description;
        this.guards = guards;
    }

    /** A new guard of this kind, for one cell. */
    public Guard newGuard() {
        return guards.get();
    }

    /** True if this guard promises that no update is ever lost. */
    public boolean promisesAtomicity() {
        return atomic;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** A few words for the narrative, such as "a synchronized block". */
    public String description() {
        return description;
    }
}

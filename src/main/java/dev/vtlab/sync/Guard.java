package dev.vtlab.sync;

/**
 * What one cell's updates run under. {@link Sync#newGuard()} makes one per cell, so each guard owns its lock and
 * two cells (two trials of the account lesson) never contend with each other.
 *
 * <p>A guard that makes tasks take turns says so in the story: "starting update" and "finishing update" are printed
 * inside it, and a task that arrives while another holds it says it waits, before it blocks.
 */
public sealed interface Guard permits NoGuard, MonitorGuard, LockGuard, CasGuard {

    /**
     * Runs {@code update} on {@code cell}, from its arrival to its finish, under this guard.
     *
     * @return the version this update stored
     */
    Version run(Update update, Cell cell) throws InterruptedException;
}

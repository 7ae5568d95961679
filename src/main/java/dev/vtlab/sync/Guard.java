package dev.vtlab.sync;

/**
 * What the updates of one shared value run under. {@link Sync#newGuard()} makes one per value, so each guard owns
 * its lock and two values (two trials of the account lesson) never contend with each other.
 *
 * <p>A guard that makes tasks take turns says so in the story: "starting update" and "finishing update" are printed
 * inside it, and a task that arrives while another holds it says it waits, before it blocks.
 */
public sealed interface Guard permits NoGuard, MonitorGuard, LockGuard, CasGuard {

    /**
     * Runs one task's update, from its arrival to its finish, under this guard.
     *
     * @return the version this update stored
     */
    Version run(Section update) throws InterruptedException;
}

package dev.vtlab.sync;

/**
 * {@code --sync cas}: no lock. A task stores its copy only if the cell still holds the very version it read; if
 * another task wrote in between, the compare-and-set fails and the task reads again, adds again and pauses again.
 * Every retry repeats the slow part, which is why compare-and-set suits short updates, not slow ones.
 */
final class CasGuard implements Guard {

    @Override
    public Version run(Section update) throws InterruptedException {
        // code:begin cas
        update.arrive();                        // (--jitter sleeps here)
        update.start();                         // "task 1: starting update"
        while (true) {
            Version written = update.readAddCompareAndSet(); // read, add, sleep
            if (written != null) {              // nobody wrote since the read
                update.finish();                // "task 1: finishing update"
                return written;
            }                                   // else: read again, add, sleep
        }
        // code:end cas
    }
}

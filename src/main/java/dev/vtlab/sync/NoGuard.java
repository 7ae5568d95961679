package dev.vtlab.sync;

/** {@code --sync none}: nothing stops a second task from reading between one task's read and its write. */
final class NoGuard implements Guard {

    @Override
    public Version run(Section update) throws InterruptedException {
        // code:begin none
        update.arrive();                        // (--jitter sleeps here)
        return update.readAddWrite(); // nothing stops another task between
        // code:end none
    }
}

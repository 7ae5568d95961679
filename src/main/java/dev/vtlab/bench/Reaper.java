package dev.vtlab.bench;

import java.util.List;

/**
 * Ends the threads a run started when the run itself fails: interrupts them, then joins them, so that no thread of
 * a failed run outlives it (a platform thread parked on a gate would keep the child JVM from exiting).
 */
final class Reaper {

    private Reaper() {
    }

    /** Interrupts every thread, then joins each; the threads must end when interrupted (or soon anyway). */
    static void interruptAndJoin(List<Thread> threads) {
        threads.forEach(Thread::interrupt);
        threads.forEach(Reaper::join);
    }

    /**
     * Joins a thread bound to end soon, even if this thread is interrupted meanwhile. Called from {@code finally}
     * blocks: an InterruptedException there would replace the exception already on its way out, so the interrupt
     * is re-asserted instead.
     */
    static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

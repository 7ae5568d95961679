package dev.vtlab.testing;

import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for tests: every wait has a 5 s limit and a failure becomes an {@link AssertionError}. */
public final class Await {

    public static final long SECONDS = 5;

    private Await() {
    }

    public static void await(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(SECONDS, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("barrier not reached by all " + barrier.getParties() + " parties", e);
        }
    }

    public static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("latch still at " + latch.getCount() + " after " + SECONDS + " s");
        }
    }

    /** Waits until {@code thread} is in one of {@code states}: proof that it is parked on a guard, not racing. */
    public static void awaitState(Thread thread, Set<Thread.State> states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!states.contains(thread.getState())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " is " + thread.getState() + ", not " + states);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}

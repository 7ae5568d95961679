package dev.vtlab.lesson;

import dev.vtlab.threading.Task;
import dev.vtlab.threading.TaskFailedException;
import dev.vtlab.threading.ThreadKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/*
 * pinning - A virtual thread that blocks inside synchronized pins its carrier (JDK 21). Virtual threads run on a
 * few carrier threads (here 2). A virtual thread that sleeps or waits normally unmounts, and its carrier runs
 * another one. Inside a synchronized block it cannot unmount: the sleeping lock owner keeps its carrier, and a
 * virtual thread blocked entering the monitor keeps the other one. No carrier is left for anybody else, so a
 * heartbeat virtual thread that only wants to tick every 10 ms stops ticking:
 *
 *     carrier 1  worker 1: holds the monitor, sleeps 200 ms (pinned) | worker 2 holds, sleeps (pinned) | ...
 *     carrier 2  worker 2: blocked entering the monitor (pinned)     | worker 3 blocked (pinned)      | ...
 *     heartbeat  tick tick .......................... no carrier free for (workers - 1) x 200 ms ....... tick
 *
 * With a ReentrantLock both the sleeping owner and the waiting workers unmount; the carriers stay free and the
 * heartbeat keeps ticking. The workers take just as long: the lock still lets one worker in at a time. Only the
 * bystander suffers.
 *
 * Outcomes: a heartbeat stall of about (workers - 1) x hold is INTERESTING (the pinning this lesson is about);
 * no stall is EXPECTED. JDK 24 (JEP 491) lets virtual threads unmount inside synchronized, and the stall goes.
 *
 * Run it:   ./vtlab pinning                          (synchronized, then a ReentrantLock)
 *           ./vtlab pinning --workers 8 --jfr        (and look at jdk.VirtualThreadPinned in the recording)
 *
 * Sample (OpenJDK 21.0.13, 2 cores, 2 carriers, 4 workers, hold 200 ms, tick 10 ms):
 *     lock held while sleeping   heartbeat worst delay   heartbeat ticks   workers' total
 *     synchronized                            600.3 ms       29 of ~ 79           802 ms
 *     a ReentrantLock                           0.9 ms       78 of ~ 79           802 ms
 */
public final class PinningLesson implements Lesson<PinningLesson.Setup, PinningLesson.Result> {

    /** The system property that sets how many carrier threads the default virtual-thread scheduler has. */
    public static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    public static final int MAX_WORKERS = 64;

    private final List<Setup> setups;

    /** The lesson that runs these trials, in order (with no --lock: synchronized, then a ReentrantLock). */
    public PinningLesson(List<Setup> setups) {
        this.setups = List.copyOf(setups);
    }

    // ---- Outcomes ------------------------------------------------------------------------------------------------

    /** What a trial can show, its grade and its words, declared as jcstress declares its outcomes. */
    public enum Ending {
        /** The heartbeat missed at least half a hold: every carrier was pinned. */
        STALLED(Grade.INTERESTING, "the heartbeat stalled: every carrier was pinned by a worker."),
        /** The heartbeat kept its beat. */
        TICKED(Grade.EXPECTED, "the heartbeat kept ticking.");

        private final Grade grade;
        private final String words;

        Ending(Grade grade, String words) {
            this.grade = grade;
            this.words = words;
        }

        public Grade grade() {
            return grade;
        }

        public String words() {
            return words;
        }
    }

    // ---- The runner's contract -----------------------------------------------------------------------------------

    @Override
    public String name() {
        return "pinning";
    }

    @Override
    public List<Setup> setups() {
        return setups;
    }

    @Override
    public Result run(Setup setup, dev.vtlab.sync.Trace story) throws InterruptedException, TaskFailedException {
        return trial(setup);
    }

    @Override
    public Grade grade(Result result) {
        return result.grade();
    }

    @Override
    public String options(Setup setup) {
        return "--lock " + setup.guard().cliName() + " --workers " + setup.workers() + " --hold "
                + DurationFormat.format(setup.hold()) + " --tick " + DurationFormat.format(setup.tick())
                + " --carriers " + carriers();
    }

    @Override
    public String outcome(Result result) {
        return (result.stalled() ? "heartbeat stalled " : "heartbeat kept ticking, worst ")
                + result.worstDelay().toMillis() + " ms";
    }

    /** What the workers hold while they sleep. Same shape for each, so the difference is only the guard. */
    public enum Guard {
        /** A {@code synchronized} block: JDK 21 cannot unmount a virtual thread inside it. */
        SYNCHRONIZED("synchronized", "synchronized") {
            @Override
            void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException {
                // JDK 21: sleeping inside synchronized pins the carrier, and so does blocking to enter it.
                // This is the lesson, so the blocking call inside synchronized is deliberate.
                synchronized (shared.monitor) {
                    Thread.sleep(hold);
                }
            }
        },
        /** A {@link ReentrantLock}: owner and waiters unmount, the carrier is free. */
        LOCK("lock", "a ReentrantLock") {
            @Override
            void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException {
                shared.lock.lockInterruptibly();
                try {
                    Thread.sleep(hold);
                } finally {
                    shared.lock.unlock();
                }
            }
        },
        /** The control: no lock, every worker sleeps at once. */
        NONE("none", "no lock (control)") {
            @Override
            void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException {
                Thread.sleep(hold);
            }
        };

        private final String cliName;
        private final String description;

        Guard(String cliName, String description) {
            this.cliName = cliName;
            this.description = description;
        }

        abstract void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException;

        public String cliName() {
            return cliName;
        }

        public String description() {
            return description;
        }
    }

    /** One trial's parameters. */
    public record Setup(Guard guard, int workers, Duration hold, Duration tick) {
        public Setup {
            if (workers < 1 || workers > MAX_WORKERS) {
                throw new IllegalArgumentException("workers must be 1 to " + MAX_WORKERS + ", got " + workers);
            }
            if (hold.isNegative() || tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("hold must be >= 0 and tick > 0, got " + hold + ", " + tick);
            }
        }
    }

    /**
     * What one trial measured.
     *
     * @param carriers      the scheduler's parallelism during the trial
     * @param worstDelay    the longest a heartbeat tick came late while the workers ran
     * @param ticks         heartbeat ticks while the workers ran
     * @param expectedTicks ticks an unhindered heartbeat would have made in that time
     * @param workersTotal  from starting the first worker to the last one finishing
     */
    public record Result(Setup setup, int carriers, Duration worstDelay, int ticks, int expectedTicks,
                         Duration workersTotal, Beats beats) {

        /** The heartbeat missed at least half a hold: a carrier-starved stall, not scheduling noise. */
        public boolean stalled() {
            return worstDelay.compareTo(setup.hold().dividedBy(2)) >= 0 && !setup.hold().isZero();
        }

        public Ending ending() {
            return stalled() ? Ending.STALLED : Ending.TICKED;
        }

        public Grade grade() {
            return ending().grade();
        }
    }

    /**
     * When the heartbeat woke, for a picture of the trial: all in milliseconds since its first wake-up.
     *
     * @param ticks   every wake-up
     * @param fromMs  when the workers started
     * @param toMs    when the last worker ended
     * @param worstAt when the worst gap began
     */
    public record Beats(List<Double> ticks, double fromMs, double toMs, double worstAt) {
        public Beats {
            ticks = List.copyOf(ticks);
        }
    }

    /** The carrier threads the default scheduler has: the property if set, else one per core (as the JDK does). */
    public static int carriers() {
        return Integer.getInteger(PARALLELISM, Runtime.getRuntime().availableProcessors());
    }

    /** The state the workers share: one monitor and one lock, only one of which a trial uses. */
    static final class Shared {
        final Object monitor = new Object();
        final ReentrantLock lock = new ReentrantLock();
    }

    /**
     * The bystander: a virtual thread that sleeps one tick at a time and notes when it woke. A late wake-up means
     * no carrier was free to run it.
     *
     * <p><b>Memory visibility.</b> {@code wakeUps} is written only by the heartbeat thread and read by the runner
     * after {@code join()}; {@code stopped} is volatile.
     */
    private static final class Heartbeat implements Runnable {
        private final Duration tick;
        private final CountDownLatch ticking = new CountDownLatch(1);
        private final List<Long> wakeUps = new ArrayList<>(); // System.nanoTime() of each wake-up; see above
        private volatile boolean stopped; // written by the runner, read by the heartbeat

        Heartbeat(Duration tick) {
            this.tick = tick;
        }

        @Override
        public void run() {
            wakeUps.add(System.nanoTime());
            while (!stopped) {
                try {
                    Thread.sleep(tick); // the sleep IS the lesson: a tick that needs a carrier to come back
                } catch (InterruptedException e) {
                    return; // the runner is cancelling the trial; the thread ends, so nothing is swallowed
                }
                wakeUps.add(System.nanoTime());
                ticking.countDown();
            }
        }
    }

    /** Runs one trial: the heartbeat ticks, the workers take the guard one by one and sleep holding it. */
    public static Result trial(Setup setup) throws InterruptedException, TaskFailedException {
        var shared = new Shared();
        var heartbeat = new Heartbeat(setup.tick());
        Thread beat = Thread.ofVirtual().name("heartbeat").start(heartbeat);
        long start;
        long end;
        try {
            if (!heartbeat.ticking.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the heartbeat did not tick within 5 s");
            }
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 1; i <= setup.workers(); i++) {
                workers.add(new Task<>("worker " + i, () -> {
                    setup.guard().holdWhileSleeping(shared, setup.hold()); // the sleep IS the lesson here too
                    return null;
                }));
            }
            start = System.nanoTime();
            ThreadKind.VIRTUAL.invokeAll(workers);
            end = System.nanoTime();
        } finally {
            heartbeat.stopped = true;
            beat.interrupt();
            beat.join();
        }
        return measure(setup, heartbeat.wakeUps, start, end);
    }

    /** The worst gap between wake-ups that overlaps the workers' window, less the tick it should have been. */
    private static Result measure(Setup setup, List<Long> wakeUps, long start, long end) {
        long tick = setup.tick().toNanos();
        long worst = 0;
        long worstAt = start;
        int ticks = 0;
        for (int i = 1; i < wakeUps.size(); i++) {
            long before = wakeUps.get(i - 1);
            long after = wakeUps.get(i);
            if (after >= start && before <= end && after - before - tick > worst) {
                worst = after - before - tick;
                worstAt = before;
            }
            if (after >= start && after <= end) {
                ticks++;
            }
        }
        int expected = (int) ((end - start) / tick);
        long t0 = wakeUps.isEmpty() ? start : wakeUps.getFirst();
        var beats = new Beats(wakeUps.stream().map(w -> ms(t0, w)).toList(), ms(t0, start), ms(t0, end),
                ms(t0, worstAt));
        return new Result(setup, carriers(), Duration.ofNanos(Math.max(0, worst)), ticks, expected,
                Duration.ofNanos(end - start), beats);
    }

    private static double ms(long from, long to) {
        return Math.round((to - from) / 1e3) / 1000.0;
    }
}

package dev.vtlab.lesson;

import dev.vtlab.threading.Task;
import dev.vtlab.threading.TaskFailedException;
import dev.vtlab.threading.ThreadKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
 * JDK 24 (JEP 491) lets virtual threads unmount inside synchronized, and the stall goes: on JDK 25 the same
 * synchronized block leaves the heartbeat ticking. What still pins on 25 is blocking inside a class initializer:
 * the worker running a static initializer that sleeps cannot unmount (a VM call to <clinit> is on its stack), and
 * the workers that need the class wait for that initialization without unmounting either (JDK 26 lets them):
 *
 *     carrier 1  worker 1: runs SlowClass.<clinit>, sleeps 200 ms (pinned)
 *     carrier 2  worker 2: waits for SlowClass's initialization (pinned)
 *     heartbeat  tick tick ...... no carrier free for one hold ...... tick   (the class is initialized once)
 *
 * Outcomes, graded per JDK (Guard.pins): a stall of about (workers - 1) x hold under synchronized on JDK 21, or
 * of one hold under a class initializer on 21 and 25, is INTERESTING (the pinning this lesson is about); no stall
 * is EXPECTED; a stall under a guard that does not pin on this JDK (synchronized on 24 and later, a
 * ReentrantLock, no lock) is FORBIDDEN: the JDK promises that such a virtual thread unmounts.
 *
 * Run it:   ./vtlab pinning                          (synchronized, then a ReentrantLock)
 *           ./vtlab pinning --workers 8 --jfr        (and look at jdk.VirtualThreadPinned in the recording)
 *           ./vtlab --jdk 25 pinning                 (no stall: JEP 491)
 *           ./vtlab --jdk 25 pinning --lock class-init  (still a stall on 25)
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
        /** The heartbeat missed at least half a hold under a guard that pins on this JDK: carriers were pinned. */
        STALLED(Grade.INTERESTING, "every carrier was pinned by a worker."),
        /** The heartbeat kept its beat. */
        TICKED(Grade.EXPECTED, "the heartbeat kept ticking."),
        /** Late by half a hold or more but less than one, under a guard that does not pin here: a busy machine. */
        LATE(Grade.EXPECTED, "late by less than a hold: a busy machine, not a pin, since this guard does not pin on"
                + " this JDK."),
        /** A whole hold missed although the JDK promises that these workers unmount. */
        STALLED_UNPINNED(Grade.FORBIDDEN, "a whole hold missed, although this guard does not pin on this JDK.");

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
        /** A {@code synchronized} block: JDK 21 cannot unmount a virtual thread inside it; JDK 24 and later can. */
        SYNCHRONIZED("synchronized", "synchronized") {
            @Override
            void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException {
                // JDK 21: sleeping inside synchronized pins the carrier, and so does blocking to enter it.
                // This is the lesson, so the blocking call inside synchronized is deliberate.
                // (JDK 24, JEP 491: the virtual thread unmounts in both places, and nothing pins.)
                synchronized (shared.monitor) {
                    Thread.sleep(hold);
                }
            }

            @Override
            public boolean pins(int jdk) {
                return jdk < 24;
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
        /**
         * A class's initialization: the first worker to use the class runs its static initializer, which sleeps,
         * and the others wait for it. Pins on JDK 21 and 25 (on 26 only the initializer itself).
         */
        CLASS_INIT("class-init", "a class initializer") {
            @Override
            void holdWhileSleeping(Shared shared, Duration hold) throws InterruptedException {
                // The hold is SlowClass's static initializer (see SlowClass); every worker needs the class. The
                // sleep inside <clinit> pins on every JDK so far, and waiting for it pins on 21 and 25.
                shared.slowClass.initialize();
            }

            @Override
            public boolean pins(int jdk) {
                return true;
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

        /**
         * True if on JDK {@code jdk} a worker that sleeps holding this guard keeps its carrier (and so a stall is
         * the lesson's point); false if the JDK promises that it unmounts.
         */
        public boolean pins(int jdk) {
            return false;
        }

        /** Why this guard stalled the heartbeat or not on JDK {@code jdk}: the lesson's words for its outcome. */
        public String why(int jdk, boolean stalled) {
            return switch (this) {
                case SYNCHRONIZED -> pins(jdk)
                        ? "Inside synchronized a virtual thread cannot leave its carrier (JDK " + jdk + "): the"
                                + " sleeping owner pins one carrier and a worker blocked at the monitor pins the"
                                + " other, so the heartbeat has nowhere to run for (workers - 1) x the hold."
                        : "Since JDK 24 (JEP 491) a virtual thread unmounts inside synchronized, both while it sleeps"
                                + " holding the monitor and while it waits to enter it: on JDK " + jdk + " the"
                                + " carriers stay free, as with a ReentrantLock.";
                case LOCK -> "A ReentrantLock lets both the sleeping owner and the waiting workers unmount. The"
                        + " workers take as long either way: one holds the lock at a time.";
                case CLASS_INIT -> jdk < 26
                        ? "A class initializer still pins on JDK " + jdk + ": the worker running <clinit> cannot"
                                + " unmount while it sleeps, and the workers waiting for the class to be initialized"
                                + " cannot either, so the heartbeat waits about one hold (the class is initialized"
                                + " once). Keep blocking calls out of static initializers."
                        : "On JDK " + jdk + " only the worker running <clinit> keeps its carrier; the workers"
                                + " waiting for the class unmount, so the heartbeat"
                                + (stalled ? " stalled only for want of another carrier." : " keeps a carrier.");
                case NONE -> "The control: every worker sleeps at once, holding nothing.";
            };
        }

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
     * @param jdk           the feature release of the JDK it ran on (21, 25): what pins depends on it
     * @param carriers      the scheduler's parallelism during the trial
     * @param worstDelay    the longest a heartbeat tick came late while the workers ran
     * @param ticks         heartbeat ticks while the workers ran
     * @param expectedTicks ticks an unhindered heartbeat would have made in that time
     * @param workersTotal  from starting the first worker to the last one finishing
     */
    public record Result(Setup setup, int jdk, int carriers, Duration worstDelay, int ticks, int expectedTicks,
                         Duration workersTotal, Beats beats) {

        /** The heartbeat missed at least half a hold: a carrier-starved stall, not scheduling noise. */
        public boolean stalled() {
            return worstDelay.compareTo(setup.hold().dividedBy(2)) >= 0 && !setup.hold().isZero();
        }

        /** True if the guard pins on this trial's JDK ({@link Guard#pins}). */
        public boolean pins() {
            return setup.guard().pins(jdk);
        }

        /**
         * Graded per JDK: a stall is the pinning this lesson is about where the guard pins on this JDK, and a broken
         * promise where the JDK says the workers unmount, if the heartbeat missed a whole hold, as a worker keeping
         * its carrier would make it. A shorter miss there is a busy machine's (130 ms was seen at load average 15 on
         * 2 cores), not a pin.
         */
        public Ending ending() {
            if (!stalled()) {
                return Ending.TICKED;
            }
            if (pins()) {
                return Ending.STALLED;
            }
            return worstDelay.compareTo(setup.hold()) >= 0 ? Ending.STALLED_UNPINNED : Ending.LATE;
        }

        public Grade grade() {
            return ending().grade();
        }

        /** Why: see {@link Guard#why}. */
        public String why() {
            return setup.guard().why(jdk, stalled());
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

    /** The state the workers share: one monitor, one lock and one class, only one of which a trial uses. */
    static final class Shared {
        final Object monitor = new Object();
        final ReentrantLock lock = new ReentrantLock();
        final SlowClass slowClass;

        Shared(Duration hold) {
            slowClass = new SlowClass(hold);
        }
    }

    /**
     * A class whose static initializer sleeps for the hold, new for each trial. A class is initialized once per
     * class loader, so each trial defines its own copies of {@link SlowInit} and {@link UseSlowInit} in its own
     * loader, and the initializer reads the hold from that loader (a {@code Supplier}: the copies' runtime package is
     * not this one's). The workers use the class as code does, from bytecode ({@link UseSlowInit}), not through
     * {@code Class.forName}: a native frame on the stack would pin a waiting worker on every JDK, and JDK 26 lets a
     * worker that waits for another's initialization from bytecode unmount.
     */
    static final class SlowClass extends ClassLoader implements Supplier<Duration> {
        private final Duration hold;
        private final Runnable user; // UseSlowInit's copy: its run() needs SlowInit's copy, defined, not initialized

        SlowClass(Duration hold) {
            super("vtlab pinning trial", PinningLesson.class.getClassLoader());
            this.hold = hold;
            define(SlowInit.class);
            try {
                var constructor = define(UseSlowInit.class).getDeclaredConstructor();
                constructor.setAccessible(true); // the copy's runtime package is this loader's, not ours
                user = (Runnable) constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + UseSlowInit.class.getName(), e);
            }
        }

        private Class<?> define(Class<?> original) {
            String resource = "/" + original.getName().replace('.', '/') + ".class";
            try (InputStream in = PinningLesson.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the build left out " + resource);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(original.getName(), bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Duration get() {
            return hold;
        }

        /** Uses the class: the first caller runs its initializer, the others wait for it to finish. */
        void initialize() throws InterruptedException {
            user.run();
            if (Thread.interrupted()) { // the initializer was interrupted: it kept the flag for us
                throw new InterruptedException("interrupted in " + SlowInit.class.getName() + ".<clinit>");
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Class<?> copy = findLoadedClass(name); // SlowInit's and UseSlowInit's copies; the rest from the parent
            return copy != null ? copy : super.loadClass(name, resolve);
        }
    }

    /** The class {@link SlowClass} copies: its initializer sleeps for the hold while the JVM initializes it. */
    static final class SlowInit {
        static {
            @SuppressWarnings("unchecked")
            var hold = (Supplier<Duration>) SlowInit.class.getClassLoader();
            try {
                // The sleep IS the lesson: blocking inside a class initializer pins (JDK 21, 25, 26).
                Thread.sleep(hold.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // an initializer cannot throw it; the worker rethrows it
            }
        }

        private SlowInit() {
        }

        /** Does nothing; calling it needs the class initialized. Not private: its caller is no nestmate here. */
        static void use() {
        }
    }

    /** Code that needs {@link SlowInit}: its call makes the JVM initialize the class, or wait for whoever does. */
    static final class UseSlowInit implements Runnable {
        @Override
        public void run() {
            SlowInit.use();
        }
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
        var shared = new Shared(setup.hold());
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
        // Still waiting for a carrier when the workers ended (a class initializer's stall lasts as long as they do):
        // the runner may stop the heartbeat before it wakes, so the open gap counts up to the end.
        long last = wakeUps.isEmpty() ? start : wakeUps.getLast();
        if (last < end && end - last - tick > worst) {
            worst = end - last - tick;
            worstAt = last;
        }
        int expected = (int) ((end - start) / tick);
        long t0 = wakeUps.isEmpty() ? start : wakeUps.getFirst();
        var beats = new Beats(wakeUps.stream().map(w -> ms(t0, w)).toList(), ms(t0, start), ms(t0, end),
                ms(t0, worstAt));
        return new Result(setup, Runtime.version().feature(), carriers(), Duration.ofNanos(Math.max(0, worst)), ticks,
                expected, Duration.ofNanos(end - start), beats);
    }

    private static double ms(long from, long to) {
        return Math.round((to - from) / 1e3) / 1000.0;
    }
}

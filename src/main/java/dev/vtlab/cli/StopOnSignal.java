package dev.vtlab.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM for one lesson command: a shutdown hook that asks the run to stop, interrupts the
 * runner's thread if it is inside the lesson, and then waits, at most {@link #RENDER_WAIT}, until the runner has
 * printed what finished and closed its recording ({@link #close}). Then the hook returns and the JVM halts with its
 * own exit code, 130 or 143: the runner's {@code System.exit} blocks while the JVM is already exiting, so the code
 * the runner returns does not count.
 *
 * <p>The runner's thread is interrupted only inside {@link #inLesson}: an interrupt elsewhere could land in the
 * runner's own I/O (Flight Recorder's dump goes through an interruptible channel, which an interrupt closes), and
 * the runner checks {@link #requested} between runs anyway. Leaving the lesson, the runner clears an interrupt that
 * came with a stop: the stop is recorded here, and nothing after the lesson should see it.
 *
 * <p><b>States.</b> {@code RUNNING -> STOPPING} (the hook) {@code -> DONE} (the runner's {@link #close}), or
 * {@code RUNNING -> DONE}. The hook waits only in STOPPING.
 *
 * <p><b>Memory visibility.</b> {@code stopping} and {@code inLesson} are read and written holding this object's
 * monitor, so the hook's interrupt and the runner's leaving the lesson cannot cross. The hook waits on
 * {@code printed}, which the runner counts down after its last line.
 */
final class StopOnSignal implements AutoCloseable {

    /**
     * How long the hook waits for the partial result, after which the JVM halts without it. Most lessons stop within
     * milliseconds (their tasks are interrupted), but interrupting and awaiting every task of a big run does not:
     * {@code account --trials 200000 --delay 100ms}, stopped after about 10,000 trials on this 2-core machine (shared,
     * load about 6), took 8 to 10 s to stop, and with a 10 s wait one of two such runs exited with nothing printed.
     * Judging a million finished trials and saving a recording take a few seconds more.
     */
    static final Duration RENDER_WAIT = Duration.ofSeconds(60);

    private final Thread runner;
    private final Runnable onStop;
    private final Thread hook;
    private final CountDownLatch printed = new CountDownLatch(1);
    private boolean stopping; // guarded by this; false -> true once, by the hook (or at install, if already exiting)
    private boolean inLesson; // guarded by this; written by the runner around each call into the lesson
    private OutOfMemoryError outOfMemory; // guarded by this; set once, by the JVM's uncaught-exception handler

    /** The command line's, from install to close; read by the JVM's uncaught-exception handler. */
    private static volatile StopOnSignal active;

    private StopOnSignal(Thread runner, Runnable onStop) {
        this.runner = runner;
        this.onStop = onStop;
        this.hook = new Thread(this::onExit, "vtlab stop on signal");
    }

    /**
     * Registers the hook for the calling thread, the runner's. If the JVM is already exiting, the run is stopped.
     *
     * @param onStop run by the hook once, right after it has asked the run to stop (the progress line says so)
     */
    static StopOnSignal install(Runnable onStop) {
        var stop = new StopOnSignal(Thread.currentThread(), onStop);
        active = stop;
        try {
            Runtime.getRuntime().addShutdownHook(stop.hook);
        } catch (IllegalStateException exiting) {
            synchronized (stop) {
                stop.stopping = true;
            }
        }
        return stop;
    }

    /**
     * For a command line inside another's JVM ({@link VtlabCommand#handlesSignals}): no hook, so the run is never
     * stopped by it and the JVM's exit is never held.
     */
    static StopOnSignal unhooked() {
        return new StopOnSignal(Thread.currentThread(), () -> { });
    }

    /** One call into the lesson, during which a stop interrupts this thread. */
    @FunctionalInterface
    interface LessonCall<T, X extends Exception> {
        T call() throws InterruptedException, X;
    }

    /**
     * Runs {@code call} as the part of the run that a stop interrupts.
     *
     * @throws InterruptedException if the run was stopped before the call began, or the call threw it
     */
    <T, X extends Exception> T inLesson(LessonCall<T, X> call) throws InterruptedException, X {
        synchronized (this) {
            if (outOfMemory != null) {
                throw outOfMemory;
            }
            if (stopping) {
                throw new InterruptedException("stopped before the lesson began");
            }
            inLesson = true;
        }
        try {
            return call.call();
        } catch (InterruptedException e) {
            synchronized (this) {
                if (outOfMemory != null) {
                    throw outOfMemory; // reported as the command's own: one line, exit 4 (Cli)
                }
            }
            throw e;
        } finally {
            synchronized (this) {
                inLesson = false;
                if (stopping || outOfMemory != null) {
                    Thread.interrupted(); // the stop's interrupt, recorded in `stopping`; see the class comment
                }
            }
        }
    }

    /**
     * A thread died of an OutOfMemoryError (the JVM's default handler says so, {@code Cli.uncaught}): stops the
     * lesson of the command line that runs, if one does, by interrupting it, and makes it end as if it had run out
     * itself. A lesson can wait forever for the thread that died: when the JDK's timer thread that wakes sleeping
     * virtual threads ("VirtualThread-unparker") dies of it, none of them wakes, and the JVM spent ten minutes in
     * 15,000 full collections before this (counter --tasks 10000 with a 16 MB heap). Nothing here allocates: there
     * may be no heap left.
     */
    static void outOfMemoryElsewhere(OutOfMemoryError oom) {
        StopOnSignal stop = active;
        if (stop != null) {
            synchronized (stop) {
                if (stop.outOfMemory == null) {
                    stop.outOfMemory = oom;
                    if (stop.inLesson) {
                        stop.runner.interrupt();
                    }
                }
            }
        }
    }

    /** True once Ctrl-C or SIGTERM has asked the run to stop. */
    synchronized boolean requested() {
        return stopping;
    }

    /** The runner has printed everything it will: the hook may let the JVM halt. */
    @Override
    public void close() {
        if (active == this) {
            active = null;
        }
        printed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hook is running, or has run: it was let go by the countDown above
        }
    }

    private void onExit() {
        synchronized (this) {
            stopping = true;
            if (inLesson) {
                runner.interrupt();
            }
        }
        onStop.run();
        try {
            printed.await(RENDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts a shutdown hook; if one does, stop waiting
        }
    }
}

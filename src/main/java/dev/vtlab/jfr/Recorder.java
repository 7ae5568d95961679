package dev.vtlab.jfr;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * One Flight Recorder recording around one lesson run. However the run ends (normally, by an exception, by Ctrl-C's
 * SIGINT, a SIGTERM or {@code System.exit}, at any moment from before the recording starts to while it is being
 * stopped), it leaves one of two things: a whole recording at the target, checked ({@link RecordingCheck}) before
 * anyone is told it was saved; or no file at all, and then a line that says so. Never a temporary file (only a
 * SIGKILL or a power cut can leave one), and never "saved" for an empty or cut file.
 *
 * <p><b>Who writes the file.</b> When the run ends, {@link #close()} dumps the recording to {@code FILE.part}, checks
 * it, and renames it over the target in one atomic move. If the JVM exits while the recording runs, the JDK's own
 * shutdown hook writes it: it stops every running recording, writing each to its destination (ours is
 * {@code FILE.exit.part}), and then deletes Flight Recorder's on-disk repository. Our hook runs concurrently with
 * the JDK's, in no set order; it waits until the recording is no longer running, then checks and moves
 * {@code FILE.exit.part} the same way. {@code Recording.getState()} takes the recorder's lock, which the JDK's hook
 * holds from the stop to the end of the copy, so "not running" means the copy is done.
 *
 * <p><b>Why close() dumps instead of stopping.</b> In JDK 21 {@code Recording.stop()} stops the recording under the
 * recorder's lock, releases it, then takes it again to copy the data out; a JDK hook that starts in between deletes
 * the chunks under it (measured before this class dumped, signalling as the lesson's last line appeared: a 0-byte
 * file announced as saved in 10 of 50 runs, and "internal error: Can't stop an already stopped recording" in 3).
 * {@code Recording.dump()} snapshots and copies under one hold of the lock, so it either writes a whole copy or finds
 * the recording already stopped by the JDK's hook, which then wrote {@code FILE.exit.part}. After the dump,
 * {@code setDestination(null)} keeps the JDK's hook from writing a second copy; if that hook got there first,
 * {@code FILE.exit.part} is whole and is used instead.
 *
 * <p><b>Why our hook never asks a starting recording its state.</b> In JDK 21 a {@code Recording.start()} that runs
 * after the JDK's hook has destroyed the recorder spins in native code forever, holding the recorder's lock (tried).
 * So the run's thread checks that the JVM is not exiting just before it starts the recording, and our hook waits for
 * a start under way on this object's monitor, bounded by {@link #START_WAIT}, never on the recorder's lock.
 *
 * <p><b>States.</b> {@code NEW -> STARTING -> RUNNING -> DONE}, or {@code NEW | STARTING -> ABANDONED}. The run's
 * thread moves NEW to STARTING to RUNNING, or to ABANDONED if its start fails. Our hook moves NEW or a stuck STARTING
 * to ABANDONED (the JVM exits before anything was recorded). Whichever of {@link #close()} and the hook finds
 * RUNNING first moves it to DONE and holds the lock while it writes, checks and moves the file; the other then finds
 * DONE and does nothing. "Saved" is said under the same lock, so it is printed before the JVM can halt.
 *
 * <p><b>Memory visibility.</b> {@code state} is read and written only while holding this object's monitor; the run's
 * thread calls {@code notifyAll()} when it leaves STARTING, which our hook awaits.
 */
public final class Recorder implements AutoCloseable {

    /** How long our hook waits for the JDK's hook to stop and write the recording. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** How long our hook waits for a {@code Recording.start()} under way (one takes well under 100 ms here). */
    private static final Duration START_WAIT = Duration.ofSeconds(2);

    /** The points of a recording's life where a signal can land, in order. */
    public enum Phase {
        /** {@link #start} was called: no hook of ours, no file, perhaps no Flight Recorder yet. */
        BEFORE_START,
        /** Our hook is registered and {@code FILE.exit.part} exists; Flight Recorder is not recording yet. */
        STARTING,
        /** Recording; {@link #start} is about to return. */
        STARTED,
        /** Reached by the owner, not the recorder: the lesson begins. */
        LESSON,
        /** In {@link #close()}, holding the lock: the recording still runs. */
        STOPPING,
        /** In {@link #close()}, holding the lock: stopped and written to a temporary file, not yet checked or moved. */
        MOVING
    }

    /** What the recorder tells its owner. */
    public interface Listener {

        /** The whole, checked recording is at {@code file}. Called once, by the thread that finished it. */
        void saved(Path file);

        /** Called only from the shutdown hook ({@link #close()} throws instead): nothing was kept, and why. */
        void notSaved(String why);

        /** A phase was reached. Does nothing in the lab; a test pauses here to send a signal at a known moment. */
        default void reached(Phase phase) {
        }
    }

    /** No whole recording could be written; nothing was left on disk. The message says why. */
    public static final class NotSavedException extends IOException {
        private static final long serialVersionUID = 1L;

        NotSavedException(String why) {
            super(why);
        }
    }

    /** The JVM began to exit before the recording started; nothing was written. */
    public static final class ExitingException extends IOException {
        private static final long serialVersionUID = 1L;

        ExitingException(Throwable cause) {
            super("the JVM is exiting", cause);
        }
    }

    private enum State { NEW, STARTING, RUNNING, DONE, ABANDONED }

    private final Recording recording;
    private final RecordingTarget target;
    private final Listener listener;
    private final Thread hook;
    private State state = State.NEW; // guarded by this; see the class comment

    private Recorder(Recording recording, RecordingTarget target, Listener listener) {
        this.recording = recording;
        this.target = target;
        this.listener = listener;
        this.hook = new Thread(this::onExit, "vtlab recording shutdown hook");
    }

    /**
     * Starts recording with {@code settings}.
     *
     * @throws ExitingException if the JVM began to exit first (a signal); nothing was written
     * @throws IOException      if a temporary file cannot be created
     */
    public static Recorder start(Configuration settings, RecordingTarget target, Listener listener)
            throws IOException {
        listener.reached(Phase.BEFORE_START);
        Recording recording;
        try {
            recording = new Recording(settings); // the first one starts Flight Recorder, which adds the JDK's hook
        } catch (RuntimeException e) {
            if (shuttingDown()) {
                throw new ExitingException(e);
            }
            throw e;
        }
        var recorder = new Recorder(recording, target, listener);
        try {
            // Before any file exists: from here on, our hook cleans up whatever a signal interrupts.
            Runtime.getRuntime().addShutdownHook(recorder.hook);
        } catch (IllegalStateException shuttingDown) {
            recording.close();
            throw new ExitingException(shuttingDown);
        }
        try {
            recorder.begin();
        } catch (IOException | RuntimeException e) {
            removeHook(recorder.hook);
            throw e;
        }
        return recorder;
    }

    /** Where the recording will be (or is) once finished. */
    public Path target() {
        return target.file();
    }

    /**
     * Stops recording, checks the file and moves it into place, then tells the listener. Does nothing if our
     * shutdown hook has already finished the recording (and told the listener), or if it never ran.
     *
     * @throws NotSavedException if no whole recording could be written (a full disk, say); nothing is left on disk
     */
    @Override
    public void close() throws IOException {
        try {
            synchronized (this) {
                if (state != State.RUNNING) {
                    return;
                }
                state = State.DONE;
                try {
                    listener.reached(Phase.STOPPING);
                    finish();
                } catch (RuntimeException e) {
                    String left = discard(); // whatever went wrong, leave no temporary file behind
                    if (!left.isEmpty()) {
                        e.addSuppressed(new IOException(left.substring(2)));
                    }
                    throw e;
                }
            }
        } finally {
            removeHook(hook);
        }
    }

    /** NEW -> STARTING -> RUNNING, on the run's thread; ABANDONED if the start fails or the JVM is exiting. */
    private void begin() throws IOException {
        synchronized (this) {
            if (state != State.NEW) { // our hook ran between its registration and here
                recording.close();
                throw new ExitingException(null);
            }
            state = State.STARTING;
        }
        try {
            recording.setName("vtlab " + target.file().getFileName());
            recording.setToDisk(true);
            recording.setDestination(target.exitPartial()); // creates it, empty; the JDK's hook writes it on exit
            listener.reached(Phase.STARTING);
            if (shuttingDown()) { // a start after the JDK's hook would never return (see the class comment)
                throw new ExitingException(null);
            }
            recording.start();
        } catch (IOException | RuntimeException e) {
            // Clean up before telling our hook: once it sees ABANDONED it returns, and the JVM may halt.
            recording.close();
            try {
                Files.deleteIfExists(target.exitPartial());
            } catch (IOException notRemoved) {
                e.addSuppressed(notRemoved);
            }
            synchronized (this) {
                state = State.ABANDONED;
                notifyAll();
            }
            if (!(e instanceof ExitingException) && shuttingDown()) {
                throw new ExitingException(e);
            }
            throw e;
        }
        synchronized (this) {
            if (state == State.ABANDONED) { // our hook gave up waiting for the start and removed FILE.exit.part
                throw new ExitingException(null);
            }
            state = State.RUNNING;
            notifyAll();
        }
        listener.reached(Phase.STARTED);
    }

    /** The shutdown hook: finishes a running recording from the JDK's copy, or abandons one that never ran. */
    private void onExit() {
        synchronized (this) {
            try {
                awaitStart();
                switch (state) {
                    case NEW -> state = State.ABANDONED;
                    case STARTING -> {
                        // The start is stuck (see the class comment): leave the recording alone, remove its file.
                        state = State.ABANDONED;
                        listener.notSaved("the run was stopped while the recording was starting" + discard());
                    }
                    case RUNNING -> {
                        state = State.DONE;
                        finishOnExit();
                    }
                    case ABANDONED -> {
                        String left = discard(); // the run's thread removed FILE.exit.part; if not, say so
                        if (!left.isEmpty()) {
                            listener.notSaved("the run was stopped before the recording started" + left);
                        }
                    }
                    case DONE -> {
                    }
                }
            } catch (RuntimeException e) {
                // A hook has no caller to throw to, and an uncaught exception would print a stack trace.
                listener.notSaved("an unexpected error while saving it (" + e + ")" + discard());
            }
        }
    }

    /** Holding the lock, in our hook: waits (bounded) while the run's thread is inside {@code Recording.start()}. */
    private void awaitStart() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        try {
            while (state == State.STARTING && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts a shutdown hook; if one does, stop waiting
        }
    }

    /** Holding the lock, in our hook: waits for the JDK's hook to write {@code FILE.exit.part}, then keeps it. */
    private void finishOnExit() {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        try {
            while (recording.getState() == RecordingState.RUNNING) { // blocks while the JDK's hook writes the copy
                if (System.nanoTime() > deadline) {
                    listener.notSaved("Flight Recorder did not write it within " + EXIT_WAIT.toSeconds()
                            + " s of the JVM's exit" + discard());
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.notSaved("interrupted while Flight Recorder was writing it" + discard());
            return;
        }
        try {
            switch (RecordingCheck.of(target.exitPartial())) {
                case RecordingCheck.Whole whole -> keep(target.exitPartial());
                case RecordingCheck.Broken broken -> throw notSaved(null, broken);
            }
            listener.saved(target.file());
        } catch (NotSavedException e) {
            listener.notSaved(e.getMessage());
        }
    }

    /** Holding the lock, in {@link #close()}: dumps, stops, then keeps our dump or else the JDK's exit copy. */
    private void finish() throws IOException {
        IOException dumpFailure = null;
        if (recording.getState() == RecordingState.RUNNING) { // else the JDK's hook stopped it and wrote its copy
            try {
                recording.dump(target.partial());
            } catch (IOException e) {
                dumpFailure = e; // a full disk, say; or the JDK's hook stopped it just now
            }
        }
        try {
            recording.setDestination(null); // the JDK's hook, if it runs from now on, writes no second copy
            // (declared to throw IOException for a path it cannot write; null is no path)
        } catch (IllegalStateException stoppedByTheJdksHook) {
            // it stopped the recording since our check, so FILE.exit.part holds its copy: looked at below
        }
        recording.close();
        listener.reached(Phase.MOVING);
        RecordingCheck.Result ours = RecordingCheck.of(target.partial());
        if (ours instanceof RecordingCheck.Whole) {
            keep(target.partial());
        } else if (RecordingCheck.of(target.exitPartial()) instanceof RecordingCheck.Whole) {
            keep(target.exitPartial());
        } else {
            throw notSaved(dumpFailure, (RecordingCheck.Broken) ours);
        }
        listener.saved(target.file());
    }

    /** Moves {@code whole} (checked) over the target; the other temporary file is removed first. */
    private void keep(Path whole) throws NotSavedException {
        Path other = whole.equals(target.partial()) ? target.exitPartial() : target.partial();
        try {
            Files.deleteIfExists(other);
            Files.move(whole, target.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NotSavedException("it could not be put in place (" + e + ")" + discard());
        }
    }

    /** Removes both temporary files, after a failure that the message of {@code broken} explains. */
    private NotSavedException notSaved(IOException failure, RecordingCheck.Broken broken) {
        String why = (failure == null ? "" : "writing it failed (" + rootMessage(failure) + "); ")
                + "the file Flight Recorder wrote " + broken.reason() + diskFull();
        return new NotSavedException(why + discard());
    }

    /**
     * Removes both temporary files if they exist. Returns "" if nothing is left behind, else the words that name
     * what could not be removed, to end the message about why the recording was not saved.
     */
    private String discard() {
        StringBuilder left = new StringBuilder();
        for (Path temporary : new Path[] {target.partial(), target.exitPartial()}) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                left.append("; ").append(temporary).append(" could not be removed (").append(e.getMessage())
                        .append(")");
            }
        }
        return left.toString();
    }

    /** "; the disk is full" if the target's file system has no space left, else nothing. */
    private String diskFull() {
        try {
            return Files.getFileStore(target.file().getParent()).getUsableSpace() == 0 ? "; the disk is full" : "";
        } catch (IOException e) {
            return ""; // only a hint for the message; the reason itself is already known
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and our hook has run or is running; the state tells it what is left to do
        }
    }

    /** True once the JVM has begun to exit: from then on no shutdown hook can be added. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}

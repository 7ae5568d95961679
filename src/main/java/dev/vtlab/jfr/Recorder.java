package dev.vtlab.jfr;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One Flight Recorder recording around one lesson run, always left complete on disk: by {@link #close()} when the
 * run ends, even by an exception, and by a shutdown hook when the JVM is stopped part-way (Ctrl-C, SIGTERM,
 * {@code System.exit}).
 *
 * <p>The recording is written under a temporary name ({@code FILE.part}) in the target's folder and then renamed
 * into place in one atomic move, so a reader never sees a half-written {@code FILE}: either it is absent, or it
 * is a whole recording. Only a {@code SIGKILL} (or a power cut) can leave the {@code .part} file behind.
 *
 * <p>On shutdown our hook does not stop the recording itself. The JDK registers its own shutdown hook, which runs
 * concurrently with ours in no set order: it stops every running recording, writing each to its destination, and
 * then deletes Flight Recorder's on-disk repository. In JDK 21 {@code Recording.stop()} copies the data after it
 * releases the recorder's lock, so a stop of ours could still be copying when the JDK's hook deletes the chunks
 * under it (tried: an empty file and "Missing chunkfile" errors). The JDK's hook instead stops our recording
 * inside its own {@code destroy()}, which holds the recorder's lock until the copy is done; and
 * {@code Recording.getState()} takes that same lock. So our hook waits until the state is no longer
 * {@code RUNNING}: from then on the {@code .part} file is whole, and all that is left is the move.
 *
 * <p><b>Memory visibility.</b> {@link #finish()} is {@code synchronized}: whichever of the run's thread and the
 * shutdown hook gets there first writes the file, and the other sees {@code saved} set and does nothing.
 */
public final class Recorder implements AutoCloseable {

    /** How long a shutdown waits for the JDK's own hook to write the recording before stopping it itself. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final Recording recording;
    private final Path target;
    private final Path partial;
    private final Consumer<Path> onSaved;
    private final Thread shutdownHook;
    private Path saved; // guarded by this; null -> the target, once; written by finish()

    private Recorder(Recording recording, Path target, Path partial, Consumer<Path> onSaved) {
        this.recording = recording;
        this.target = target;
        this.partial = partial;
        this.onSaved = onSaved;
        this.shutdownHook = new Thread(this::finishOnShutdown, "vtlab recording shutdown hook");
    }

    /**
     * Starts recording with {@code settings}.
     *
     * @param target  where the whole recording ends up; its folder is created if needed
     * @param onSaved told the target's path once the recording is in place, from whichever thread finished it
     * @throws IOException if the folder or the temporary file cannot be created
     */
    public static Recorder start(Configuration settings, Path target, Consumer<Path> onSaved) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path partial = folder.resolve(absolute.getFileName() + ".part");
        var recording = new Recording(settings);
        try {
            recording.setName("vtlab " + absolute.getFileName());
            recording.setToDisk(true);
            recording.setDestination(partial); // throws if the folder cannot be written
            var recorder = new Recorder(recording, absolute, partial, onSaved);
            recording.start();
            // Registered only once the recording runs: a start that throws leaves no hook behind. A signal in the
            // microseconds between start and here loses the .part file, which holds nothing of the lesson yet.
            Runtime.getRuntime().addShutdownHook(recorder.shutdownHook);
            return recorder;
        } catch (IOException | RuntimeException e) {
            recording.close();
            throw e;
        }
    }

    /** Where the recording will be (or is) once finished. */
    public Path target() {
        return target;
    }

    /** Stops recording and moves the whole file into place. */
    @Override
    public void close() throws IOException {
        finish();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and our hook has run or will run; finish() makes it a no-op
        }
    }

    private void finishOnShutdown() {
        try {
            synchronized (this) {
                if (saved != null) {
                    return;
                }
                long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
                while (recording.getState() == RecordingState.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(5); // waits for the JDK's hook, which holds the lock while it writes (see above)
                }
                moveIntoPlace();
            }
        } catch (IOException | RuntimeException e) {
            // nowhere to report this from a shutdown hook; the .part file is left for the user to find
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void finish() throws IOException {
        if (saved != null) {
            return;
        }
        recording.stop(); // writes the whole recording to the .part file
        moveIntoPlace();
    }

    /** Called with the lock held, once the recording is stopped and written. */
    private void moveIntoPlace() throws IOException {
        if (recording.getState() == RecordingState.RUNNING) {
            recording.stop(); // the JDK's hook did not stop it in time: a last try
        }
        recording.close();
        if (!Files.exists(partial)) {
            throw new IOException("Flight Recorder wrote nothing to " + partial);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        saved = target;
        onSaved.accept(target);
    }
}

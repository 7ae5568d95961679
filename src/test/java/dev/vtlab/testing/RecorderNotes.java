package dev.vtlab.testing;

import dev.vtlab.jfr.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Recorder.Listener} that keeps what it was told, for tests to assert on: the paths it was told were saved
 * and the reasons it was told nothing was kept. Written by the recorder's thread or its shutdown hook, read by the
 * test after {@code close()}: the lists are thread-safe. It can also do something at one phase, such as damaging the
 * temporary file just before the recorder checks it.
 */
public final class RecorderNotes implements Recorder.Listener {

    /** What to do at a phase. */
    @FunctionalInterface
    public interface Action {
        void at(Recorder.Phase phase) throws IOException;
    }

    private final List<Path> saved = new CopyOnWriteArrayList<>();
    private final List<String> notSaved = new CopyOnWriteArrayList<>();
    private final Action action;

    /** Only keeps notes. */
    public RecorderNotes() {
        this(phase -> { });
    }

    /** Keeps notes, and runs {@code action} at every phase the recorder reaches. */
    public RecorderNotes(Action action) {
        this.action = action;
    }

    @Override
    public void reached(Recorder.Phase phase) {
        try {
            action.at(phase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void saved(Path file) {
        saved.add(file);
    }

    @Override
    public void notSaved(String why) {
        notSaved.add(why);
    }

    public List<Path> saved() {
        return List.copyOf(saved);
    }

    public List<String> notSaved() {
        return List.copyOf(notSaved);
    }
}

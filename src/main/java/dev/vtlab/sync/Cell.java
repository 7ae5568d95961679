package dev.vtlab.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fake database: one stored value that tasks read and write back as separate steps, the way a service fetches
 * a row, computes, and stores it again.
 *
 * <p>Every write is a blind store of a value the writer computed from what it read earlier; the cell only numbers
 * the versions in store order and remembers which version each writer had read, so that a lost update can be
 * named afterwards (see {@link Version}). Nothing here makes read-then-write atomic: that is the job of a
 * {@link Guard}.
 *
 * <p><b>Memory visibility.</b> The current version lives in an {@link AtomicReference}: a write happens-before
 * every read that sees it. Visibility is never the bug in these lessons; the missing atomicity of
 * read-add-write is.
 */
public final class Cell {

    private final AtomicReference<Version> current; // written by tasks (write, compareAndSet); read by anyone
    private final ConcurrentLinkedQueue<Version> history = new ConcurrentLinkedQueue<>(); // appended by writers

    public Cell(long initial) {
        Version first = Version.initial(initial);
        current = new AtomicReference<>(first);
        history.add(first);
    }

    /** The version stored now. */
    public Version read() {
        return current.get();
    }

    /** The value stored now. */
    public long value() {
        return current.get().value();
    }

    /**
     * Stores {@code value}, whatever is stored now. The value never depends on the current version; the update
     * function only assigns the next number, so the numbers match the order in which the stores took effect.
     */
    Version write(String writer, Version read, long value) {
        Version written = current.updateAndGet(now -> new Version(now.number() + 1, value, writer, read.number()));
        history.add(written);
        return written;
    }

    /**
     * Stores {@code value} only if the stored version is still the very one the writer read. Comparing versions
     * rather than values rules out the ABA problem: a value that went 0 -> 10 -> 0 is a different version.
     *
     * @return the stored version, or {@code null} if another writer got there first
     */
    Version compareAndSet(String writer, Version read, long value) {
        Version next = new Version(read.number() + 1, value, writer, read.number());
        if (!current.compareAndSet(read, next)) {
            return null;
        }
        history.add(next);
        return next;
    }

    /** Every version stored so far, in store order, starting with the initial one. */
    public List<Version> history() {
        List<Version> all = new ArrayList<>(history);
        all.sort(Comparator.comparingInt(Version::number));
        return List.copyOf(all);
    }
}

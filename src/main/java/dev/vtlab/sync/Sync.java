package dev.vtlab.sync;

/**
 * How the read-add-write of an {@link Update} is guarded. Each constant is one strategy of the lessons, named as
 * on the command line ({@code --sync}).
 */
public enum Sync {

    /** Nothing: two tasks may both read before either writes, and one update is lost. */
    NONE("none", false, "no synchronisation") {
        @Override
        Version guard(Update update, Cell cell) throws InterruptedException {
            return update.readAddWrite(cell);
        }
    },

    /** A {@code synchronized} block on the cell: one task at a time from read to write. */
    SYNCHRONIZED("synchronized", true, "a synchronized block") {
        @Override
        Version guard(Update update, Cell cell) throws InterruptedException {
            // JDK 21: a virtual thread that sleeps while holding a monitor pins its carrier (JEP 491 lifts this
            // in JDK 24). Harmless for two tasks; the pinning lesson is about exactly this.
            synchronized (cell) {
                return update.readAddWrite(cell);
            }
        }
    },

    /** A {@link java.util.concurrent.locks.ReentrantLock}, released in {@code finally}. */
    LOCK("lock", true, "a ReentrantLock") {
        @Override
        Version guard(Update update, Cell cell) throws InterruptedException {
            cell.lock.lockInterruptibly();
            try {
                return update.readAddWrite(cell);
            } finally {
                cell.lock.unlock();
            }
        }
    },

    /** No lock: compare-and-set the version read, and on conflict read again and retry. */
    CAS("cas", true, "a compare-and-set loop") {
        @Override
        Version guard(Update update, Cell cell) throws InterruptedException {
            return update.compareAndSetLoop(cell);
        }
    };

    private final String cliName;
    private final boolean atomic;
    private final String description;

    Sync(String cliName, boolean atomic, String description) {
        this.cliName = cliName;
        this.atomic = atomic;
        this.description = description;
    }

    abstract Version guard(Update update, Cell cell) throws InterruptedException;

    /**
     * Runs {@code update} on {@code cell} under this guard, tracing its start and finish.
     *
     * @return the version this update stored
     */
    public final Version apply(Update update, Cell cell) throws InterruptedException {
        update.started();
        Version written = guard(update, cell);
        update.finished(written);
        return written;
    }

    /** True if this guard promises that no update is ever lost. */
    public boolean promisesAtomicity() {
        return atomic;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** A few words for the narrative, such as "a synchronized block". */
    public String description() {
        return description;
    }
}

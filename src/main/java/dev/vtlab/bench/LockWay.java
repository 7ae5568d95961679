package dev.vtlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code bench locks}: one shared counter incremented {@code ops} times in all, split over the threads, six ways.
 * Each configuration runs in its own JVM, so the increment call site below sees one counter class only and C2
 * inlines it, as a hand-written loop would be compiled.
 */
public enum LockWay {

    SYNCHRONIZED("synchronized", "synchronized (C2 may coarsen the lock across iterations)") {
        @Override
        Counter newCounter() {
            return new Counter() {
                private long count; // guarded by this

                @Override
                public synchronized void increment() {
                    count++;
                }

                @Override
                public synchronized long value() {
                    return count;
                }
            };
        }
    },
    LOCK("lock", "ReentrantLock") {
        @Override
        Counter newCounter() {
            return new Counter() {
                private final ReentrantLock lock = new ReentrantLock();
                private long count; // guarded by lock

                @Override
                public void increment() {
                    lock.lock();
                    try {
                        count++;
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public long value() {
                    lock.lock();
                    try {
                        return count;
                    } finally {
                        lock.unlock();
                    }
                }
            };
        }
    },
    ATOMIC("atomic", "AtomicLong.incrementAndGet") {
        @Override
        Counter newCounter() {
            var count = new AtomicLong();
            return new Counter() {
                @Override
                public void increment() {
                    count.incrementAndGet();
                }

                @Override
                public long value() {
                    return count.get();
                }
            };
        }
    },
    ADDER("adder", "LongAdder.increment") {
        @Override
        Counter newCounter() {
            var count = new LongAdder();
            return new Counter() {
                @Override
                public void increment() {
                    count.increment();
                }

                @Override
                public long value() {
                    return count.sum();
                }
            };
        }
    },
    CAS("cas", "compare-and-set loop on an AtomicLong") {
        @Override
        Counter newCounter() {
            var count = new AtomicLong();
            return new Counter() {
                @Override
                public void increment() {
                    long seen;
                    do {
                        seen = count.get();
                    } while (!count.compareAndSet(seen, seen + 1));
                }

                @Override
                public long value() {
                    return count.get();
                }
            };
        }
    },
    VOLATILE("volatile", "racy volatile count++ (loses updates)") {
        @Override
        Counter newCounter() {
            return new Counter() {
                private volatile long count; // written by every thread without a guard: the race on purpose

                @Override
                @SuppressWarnings("NonAtomicOperationOnVolatileField")
                public void increment() {
                    count++;
                }

                @Override
                public long value() {
                    return count;
                }
            };
        }
    };

    /** A shared counter, one implementation per way. */
    interface Counter {
        void increment();

        long value();
    }

    /** The workers' name prefix (then 0, 1, ...), for thread dumps and recordings. */
    static final String WORKER = "vtlab-bench-locks-";

    private final String cliName;
    private final String description;

    LockWay(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    abstract Counter newCounter();

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /**
     * One run: start the threads, let each wait at a gate, open the gate, and time until every thread is joined.
     * Starting the threads is not timed. Each thread also notes when it began and ended its own share, outside the
     * increment loop (two {@code nanoTime} calls a thread), for {@link Overlap}.
     *
     * <p><b>Memory visibility.</b> Thread {@code t} alone writes {@code begins[t]} and {@code ends[t]}; the runner
     * reads them after {@code join()}, which orders every write of the thread before it.
     */
    Sample run(boolean virtual, int threads, long ops) throws InterruptedException {
        return run(workers(virtual), threads, ops);
    }

    /** What makes a run's workers: virtual or platform threads named {@link #WORKER} 0, 1, ... */
    static ThreadFactory workers(boolean virtual) {
        return (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).name(WORKER, 0).factory();
    }

    /**
     * {@link #run(boolean, int, long)} with the workers made by {@code workers}, which a test wraps to keep hold of
     * them: {@code Thread.getAllStackTraces()} lists no virtual thread, so it cannot tell whether one outlived a run.
     */
    Sample run(ThreadFactory workers, int threads, long ops) throws InterruptedException {
        Counter counter = newCounter();
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        long[] begins = new long[threads];
        long[] ends = new long[threads];
        List<Thread> started = new ArrayList<>(threads);
        boolean joined = false;
        long wall;
        try {
            for (int t = 0; t < threads; t++) {
                int share = (int) (ops / threads + (t < ops % threads ? 1 : 0));
                int index = t;
                Thread worker = workers.newThread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    begins[index] = System.nanoTime();
                    increment(counter, share);
                    ends[index] = System.nanoTime();
                });
                worker.start();
                started.add(worker);
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Thread t : started) {
                t.join();
            }
            wall = System.nanoTime() - start;
            joined = true;
        } finally {
            if (!joined) {
                // Starting a thread failed, or this thread was interrupted in await() or join(): the workers still
                // parked on the gate return when interrupted; platform ones would otherwise keep the JVM alive.
                Reaper.interruptAndJoin(started);
            }
        }
        long overlapPpm = Math.round(Overlap.fraction(begins, ends) * 1e6);
        return new Sample(Map.of("wall_ns", wall, "ops", ops, "lost", ops - counter.value(),
                "overlap_ppm", overlapPpm));
    }

    private static void increment(Counter counter, int times) {
        for (int i = 0; i < times; i++) {
            counter.increment();
        }
    }
}

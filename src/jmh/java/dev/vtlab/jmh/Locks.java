package dev.vtlab.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Locks - the cost of one increment of a shared counter, six ways, on 1 and 2 platform threads: the microbenchmark
 * behind `vtlab bench locks`. The lab times a hand-written loop of 50 M increments, which C2 compiles as a whole
 * (it unrolls it and coarsens `synchronized` across iterations); JMH calls the increment once per invocation from
 * its own loop, so it measures the operation, not what the JIT made of one loop.
 *     1 thread:   the uncontended cost (a lock that is always free, a CAS that never fails)
 *     2 threads:  both threads hit the same cache line all the time; JMH starts and stops them together, so
 *                 they overlap for the whole iteration, which the lab's loop cannot promise (its overlap column)
 * The counters are the same code as dev.vtlab.bench.LockWay's; each benchmark runs in its own fork, so each
 * increment call site sees one implementation only, as in the lab's child JVMs.
 * Outcomes: throughput in ops/us, i.e. M increments/s, summed over the threads. The racy volatile count++ loses
 *           updates on 2 threads; JMH counts calls, not the counter's final value.
 * Run it:   ./mvnw -Pjmh -DskipTests package && $JAVA_HOME/bin/java -jar target/benchmarks.jar -f 3 -wi 3 -i 5 Locks
 *           (BENCH.md §2 has a real run: 2-core machine, OpenJDK 21.0.13)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)          // JMH's default is 10 s an iteration: 12 benchmarks would take an hour
@Measurement(iterations = 5, time = 1)
public class Locks {

    // One instance per fork (Scope.Benchmark), shared by the benchmark's threads; each benchmark uses one field.
    private long monitorCount;                                  // guarded by this
    private final ReentrantLock lock = new ReentrantLock();
    private long lockCount;                                     // guarded by lock
    private final AtomicLong atomicCount = new AtomicLong();
    private final LongAdder adderCount = new LongAdder();
    private final AtomicLong casCount = new AtomicLong();
    private volatile long volatileCount;                        // written by every thread without a guard: racy

    private synchronized void monitorIncrement() {
        monitorCount++;
    }

    private void lockIncrement() {
        lock.lock();
        try {
            lockCount++;
        } finally {
            lock.unlock();
        }
    }

    private void casIncrement() {
        long seen;
        do {
            seen = casCount.get();
        } while (!casCount.compareAndSet(seen, seen + 1));
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    private void volatileIncrement() {
        volatileCount++;
    }

    @Benchmark
    @Threads(1)
    public void synchronized_1thread() {
        monitorIncrement();
    }

    @Benchmark
    @Threads(2)
    public void synchronized_2threads() {
        monitorIncrement();
    }

    @Benchmark
    @Threads(1)
    public void reentrantLock_1thread() {
        lockIncrement();
    }

    @Benchmark
    @Threads(2)
    public void reentrantLock_2threads() {
        lockIncrement();
    }

    @Benchmark
    @Threads(1)
    public void atomicLong_1thread() {
        atomicCount.incrementAndGet();
    }

    @Benchmark
    @Threads(2)
    public void atomicLong_2threads() {
        atomicCount.incrementAndGet();
    }

    @Benchmark
    @Threads(1)
    public void longAdder_1thread() {
        adderCount.increment();
    }

    @Benchmark
    @Threads(2)
    public void longAdder_2threads() {
        adderCount.increment();
    }

    @Benchmark
    @Threads(1)
    public void casLoop_1thread() {
        casIncrement();
    }

    @Benchmark
    @Threads(2)
    public void casLoop_2threads() {
        casIncrement();
    }

    @Benchmark
    @Threads(1)
    public void racyVolatile_1thread() {
        volatileIncrement();
    }

    @Benchmark
    @Threads(2)
    public void racyVolatile_2threads() {
        volatileIncrement();
    }
}

package dev.vtlab.threading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("jdk25") // --threads scope runs JDK 21's scope here, and JDK 25's when the jar runs on 25
class ThreadKindTest {

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void returnsResultsInTaskOrder(ThreadKind kind) throws Exception {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        assertEquals(List.of(1, 2, 3), kind.invokeAll(tasks));
    }

    /**
     * Waves overlap, up to the number asked for: the six tasks of two waves meet at a latch that only all six can
     * open, and over ten waves no more than two waves' tasks are ever alive at once.
     */
    @ParameterizedTest
    @EnumSource(value = ThreadKind.class, names = {"VIRTUAL", "SCOPE"})
    @Timeout(10)
    void runsWavesSideBySideButNoMoreThanAsked(ThreadKind kind) throws Exception {
        var twoWaves = new CountDownLatch(6);
        var alive = new AtomicInteger();
        var most = new AtomicInteger();
        var done = new AtomicInteger();
        List<List<Callable<Integer>>> waves = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            List<Callable<Integer>> wave = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                wave.add(() -> {
                    most.accumulateAndGet(alive.incrementAndGet(), Math::max);
                    twoWaves.countDown();
                    await(twoWaves);
                    alive.decrementAndGet();
                    return done.incrementAndGet();
                });
            }
            waves.add(wave);
        }
        kind.invokeInWaves(waves.iterator(), 2);

        assertEquals(30, done.get());
        assertTrue(most.get() <= 6, "at most two waves of three alive at once, saw " + most.get());
    }

    /** A task failing in the third wave stops the run: its exception is the cause, and no wave after it starts. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void aFailureInAWaveStopsTheWaves(ThreadKind kind) {
        var boom = new IllegalStateException("boom");
        var made = new AtomicInteger();
        Iterator<List<Callable<Integer>>> waves = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return made.get() < 1_000;
            }

            @Override
            public List<Callable<Integer>> next() {
                int wave = made.incrementAndGet();
                return List.of(() -> {
                    if (wave == 3) {
                        throw boom;
                    }
                    return wave;
                });
            }
        };
        var e = assertThrows(TaskFailedException.class, () -> kind.invokeInWaves(waves, 2));
        assertSame(boom, e.getCause());
        assertTrue(made.get() < 1_000, "the waves stopped at the failure, after " + made.get());
    }

    /** Every kind runs its tasks at once: three tasks meet at a latch that only all three can open. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void runsTheTasksOfABatchConcurrently(ThreadKind kind) throws Exception {
        var allRunning = new CountDownLatch(3);
        Callable<Boolean> meet = () -> {
            allRunning.countDown();
            await(allRunning);
            return true;
        };
        assertEquals(List.of(true, true, true), kind.invokeAll(List.of(meet, meet, meet)));
    }

    /** A failing task surfaces with its own exception as the cause, and its sibling is interrupted, not awaited. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void propagatesAFailureAndCancelsTheSiblings(ThreadKind kind) {
        var boom = new IllegalStateException("boom");
        var siblingWaiting = new CountDownLatch(1);
        var siblingInterrupted = new CountDownLatch(1);
        Callable<String> sibling = () -> {
            siblingWaiting.countDown();
            try {
                new CountDownLatch(1).await(); // forever, unless interrupted
                return "never";
            } catch (InterruptedException e) {
                siblingInterrupted.countDown();
                throw e;
            }
        };
        Callable<String> failing = () -> {
            await(siblingWaiting);
            throw boom;
        };
        var thrown = assertThrows(TaskFailedException.class, () -> kind.invokeAll(List.of(sibling, failing)));
        assertSame(boom, thrown.getCause());
        assertTrue(siblingInterrupted.getCount() == 0, "the sibling must have seen the interrupt");
    }

    /**
     * An Error is a failure too (out of heap in a task must not leave the caller waiting), and a task's null is a
     * result like any other, in its place.
     */
    @ParameterizedTest
    @EnumSource(value = ThreadKind.class, names = {"PLATFORM", "VIRTUAL"})
    @Timeout(10)
    void anErrorFailsTheBatchAndANullIsAResult(ThreadKind kind) throws Exception {
        var error = new StackOverflowError("deep");
        Callable<String> none = () -> null;
        var thrown = assertThrows(TaskFailedException.class, () -> kind.invokeAll(List.of(none, () -> {
            throw error;
        })));
        assertSame(error, thrown.getCause());
        assertEquals(Arrays.asList(null, "b", null), kind.invokeAll(List.of(none, () -> "b", none)));
        assertEquals(List.of(), kind.invokeAll(List.<Callable<String>>of()));
    }

    /** A kind that says it is an executor makes one that runs tasks; a scope refuses instead of pretending. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void makesAnExecutorExactlyWhenItIsOne(ThreadKind kind) throws Exception {
        assertEquals(kind != ThreadKind.SCOPE, kind.isExecutor());
        if (!kind.isExecutor()) {
            assertThrows(UnsupportedOperationException.class, () -> kind.newExecutor(1));
            return;
        }
        try (ExecutorService executor = kind.newExecutor(1)) {
            assertEquals(kind == ThreadKind.VIRTUAL, executor.submit(() -> Thread.currentThread().isVirtual()).get());
        }
    }
}

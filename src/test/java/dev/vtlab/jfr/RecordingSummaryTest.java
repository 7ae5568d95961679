package dev.vtlab.jfr;

import dev.vtlab.jfr.RecordingSummary.Contention;
import dev.vtlab.jfr.RecordingSummary.Machinery;
import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingSummaryTest {

    /**
     * One recording with five forced waits: two for the lesson's guards (the counter lesson's synchronized and
     * ReentrantLock guards, on platform threads, so the ReentrantLock wait is a jdk.ThreadPark) and three for the
     * machinery's locks: a StringBuffer's own monitor, a ThreadPoolExecutor's main lock, and a JDK queue's lock
     * taken on the lesson's own path (its first frame outside the JDK is the lesson's, as with the virtual threads'
     * sleep timer in real recordings). Each lands in its own section and in no other: the test fails if everything
     * goes into one, or if the split follows the first frame outside the JDK instead of the taker.
     */
    @Test
    @Timeout(30)
    void putsTheLessonsGuardsAndTheMachinerysLocksInTheirOwnSections(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("contention.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            contendTheLessonsGuard(Sync.SYNCHRONIZED, "dev.vtlab.sync.MonitorGuard");
            contendTheLessonsGuard(Sync.LOCK, "dev.vtlab.sync.LockGuard");
            contendAStringBuffersMonitor();
            contendAPoolsMainLock();
            contendAQueuesLockOnTheLessonsPath();
            recording.stop();
            recording.dump(file);
        }
        RecordingSummary summary = RecordingSummary.read(file);
        String all = "monitors " + summary.monitors() + "\nlocks " + summary.locks() + "\nmachinery "
                + summary.machinery();

        assertTrue(summary.monitors().stream().anyMatch(c -> c.site().startsWith("dev.vtlab.sync.MonitorGuard.run")),
                all);
        assertTrue(summary.locks().stream().anyMatch(c -> c.site().startsWith("dev.vtlab.sync.LockGuard.run")
                && c.lockClass().startsWith("java.util.concurrent.locks.ReentrantLock$")), all);
        assertTrue(summary.machinery().stream().anyMatch(m -> m.taker().equals("java.lang.StringBuffer")
                && m.lockClass().equals("java.lang.StringBuffer")), all);
        assertTrue(summary.machinery().stream().anyMatch(m -> m.taker().equals(
                "java.util.concurrent.ThreadPoolExecutor") && m.lockClass().startsWith(
                "java.util.concurrent.locks.ReentrantLock$")), all);
        assertTrue(summary.machinery().stream().anyMatch(m -> m.taker().equals(
                "java.util.concurrent.ArrayBlockingQueue")), all);

        List<Contention> lessons = new ArrayList<>(summary.monitors());
        lessons.addAll(summary.locks());
        assertTrue(lessons.stream().noneMatch(c -> c.lockClass().equals("java.lang.StringBuffer")
                || c.site().contains("StringBuffer") || c.site().contains("ThreadPoolExecutor")
                || c.site().contains("RecordingSummaryTest") || c.site().startsWith("dev.vtlab.sync.Trace")), all);
        assertTrue(summary.machinery().stream().map(Machinery::taker).noneMatch(t -> t.startsWith("dev.vtlab.sync.")),
                all);
    }

    /**
     * Two platform tasks of the counter lesson under {@code sync}: task 1 holds the guard in its racy window until
     * task 2 is parked on it (its top frame, past the lock's own code, is {@code guardClass}).
     */
    private static void contendTheLessonsGuard(Sync sync, String guardClass) throws Exception {
        var task1HasRead = new CountDownLatch(1);
        var task2Arrived = new CountDownLatch(1);
        var task2 = new AtomicReference<Thread>(); // set before task2Arrived counts down, read after it
        Pause first = point -> {
            if (point == Point.AFTER_READ) {
                task1HasRead.countDown();
                await(task2Arrived);
                awaitParkedIn(task2.get(), guardClass);
            }
        };
        Pause second = point -> {
            if (point == Point.ARRIVE) {
                await(task1HasRead);
                task2.set(Thread.currentThread());
                task2Arrived.countDown();
            }
        };
        var result = CounterLesson.race(new Setup(ThreadKind.PLATFORM, sync, 2, Duration.ZERO), Trace.none(),
                task -> task.equals("task 1") ? first : second);
        assertEquals(20, result.outcome().actual());
    }

    /** A JDK object's own synchronized method: this thread holds the buffer's monitor while another appends. */
    private static void contendAStringBuffersMonitor() throws InterruptedException {
        var buffer = new StringBuffer();
        Thread appender;
        synchronized (buffer) {
            appender = Thread.ofPlatform().name("appender").start(() -> buffer.append("x"));
            awaitParkedIn(appender, "java.lang.StringBuffer");
        }
        appender.join();
        assertEquals("x", buffer.toString());
    }

    /**
     * A pool's own lock: {@code shutdown()} of a pool without workers runs {@code terminated()} holding the main
     * lock, and the hook below keeps it there until {@code getPoolSize()}, from another thread, is parked on it.
     */
    private static void contendAPoolsMainLock() throws InterruptedException {
        var inTerminated = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void terminated() {
                inTerminated.countDown();
                try {
                    await(release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Thread closer = Thread.ofPlatform().name("closer").start(pool::shutdown);
        Thread asker;
        try {
            await(inTerminated);
            asker = Thread.ofPlatform().name("asker").start(pool::getPoolSize);
            awaitParkedIn(asker, "java.util.concurrent.ThreadPoolExecutor");
        } finally {
            release.countDown();
        }
        closer.join();
        asker.join();
        assertTrue(pool.isTerminated());
    }

    /**
     * A JDK queue's lock, taken on the lesson's path: the one task's trace offers each step to a queue whose lock a
     * sweeper holds (removeIf tests its predicate under the lock). The task parks in ArrayBlockingQueue.offer, called
     * from dev.vtlab.sync.Trace: the lesson's frame is the first outside the JDK, but the lock is the queue's.
     */
    private static void contendAQueuesLockOnTheLessonsPath() throws Exception {
        var queue = new ArrayBlockingQueue<Object>(100);
        queue.add("seed"); // removeIf calls its predicate only on a queue that holds something
        var inSweep = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Thread sweeper = Thread.ofPlatform().name("sweeper").start(() -> queue.removeIf(item -> {
            inSweep.countDown();
            try {
                await(release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }));
        var task = new AtomicReference<Thread>(); // set before arrived counts down, read after it
        var arrived = new CountDownLatch(1);
        Trace capture = step -> {
            task.compareAndSet(null, Thread.currentThread());
            arrived.countDown();
        };
        var lesson = new FutureTask<>(() -> CounterLesson.race(new Setup(ThreadKind.PLATFORM, Sync.NONE, 1,
                Duration.ZERO), capture.and(queue::offer), name -> Pause.none()));
        try {
            await(inSweep);
            Thread.ofPlatform().name("runner").start(lesson);
            await(arrived);
            awaitParkedIn(task.get(), "java.util.concurrent.ArrayBlockingQueue");
        } finally {
            release.countDown();
        }
        sweeper.join();
        assertEquals(10, lesson.get(5, TimeUnit.SECONDS).outcome().actual()); // rethrows the lesson's failure
    }

    /**
     * Waits until {@code thread} is parked (BLOCKED, WAITING or TIMED_WAITING) with {@code where} as its top frame
     * past the lock's own code: parked there, not on the way or blocked on something else (such as loading a class).
     */
    private static void awaitParkedIn(Thread thread, String where) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String top = Arrays.stream(thread.getStackTrace()).map(StackTraceElement::getClassName)
                    .filter(type -> !RecordingSummary.isParking(type)).findFirst().orElse("");
            Thread.State state = thread.getState(); // after the stack: a thread parked in where stays parked
            if (top.equals(where) && (state == Thread.State.BLOCKED || state == Thread.State.WAITING
                    || state == Thread.State.TIMED_WAITING)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " is " + state + " in " + top + ", not parked in " + where);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** A virtual thread pinned while it waits inside synchronized is named in the pinned section. */
    @Test
    @Timeout(20)
    void namesTheThreadsThatWerePinned(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("pinned.jfr");
        var monitor = new Object();
        var release = new CountDownLatch(1);
        try (var recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            Thread pinned = Thread.ofVirtual().name("task 7").start(() -> {
                synchronized (monitor) {
                    try {
                        await(release); // JDK 21: parking inside synchronized pins the carrier
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            try {
                awaitParkedIn(pinned, "java.util.concurrent.CountDownLatch"); // pinned from here on
            } finally {
                release.countDown();
            }
            pinned.join();
            recording.stop();
            recording.dump(file);
        }
        RecordingSummary summary = RecordingSummary.read(file);
        assertEquals(1, summary.pinned().count(), summary.pinned().toString());
        assertEquals(List.of("task 7"), summary.pinned().sites().getFirst().threads());
    }

    /** The rule, on the classes the lab's own recordings showed (see RecordingSummary's class comment). */
    @ParameterizedTest
    @CsvSource({
        "dev.vtlab.sync.MonitorGuard,                                     false",
        "dev.vtlab.sync.LockGuard,                                        false",
        "dev.vtlab.lesson.CounterLesson$Update,                           false",
        "dev.vtlab.lesson.CounterLesson$Database,                         false",
        "dev.vtlab.sync.Trace$Recorder,                                   true",
        "dev.vtlab.sync.Trace$$Lambda.0x00007f1178159000,                 true",
        "dev.vtlab.sync.Sequencer,                                        true",
        "dev.vtlab.sync.TraceLike,                                        false",
        "dev.vtlab.lesson.PinningLesson$Guard$1,                          false",
        "dev.vtlab.lesson.PinningLesson$Shared,                           false",
        "com.example.shop.Basket,                                         false",
        "[Ldev.vtlab.lesson.PinningLesson$Shared;,                        false",
        "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue, true",
        "java.util.concurrent.ThreadPoolExecutor,                         true",
        "java.util.concurrent.LinkedBlockingQueue,                        true",
        "jdk.internal.loader.BuiltinClassLoader,                          true",
        "jdk.jfr.internal.PlatformRecorder,                               true",
        "java.lang.Thread,                                                true",
        "java.io.PrintWriter,                                             true",
        "[I,                                                              true",
        "dev.vtlab.report.Narrative,                                      true",
        "dev.vtlab.threading.ThreadKind,                                  true",
        "dev.vtlab.jfr.TaskUpdateTrace,                                   true",
        "dev.vtlab.metrics.JvmThreadMeters,                               true",
        "dev.vtlab.cli.LessonSession,                                     true",
        "dev.vtlab.Main,                                                  true",
        "io.micrometer.core.instrument.MeterRegistry,                     true",
        "com.fasterxml.jackson.databind.ObjectMapper,                     true",
        "picocli.CommandLine,                                             true"})
    @Timeout(5)
    void theMachineryIsTheJdkTheLabsPlumbingAndItsLibraries(String className, boolean machinery) {
        assertEquals(machinery, RecordingSummary.isMachinery(className));
    }

    @Test
    @Timeout(5)
    void aWaitIsTheLessonsIfItsMonitorOrItsTakerIsButNeverForAClassInitLock() {
        assertTrue(RecordingSummary.isLessons("java.lang.Object", "dev.vtlab.sync.MonitorGuard"));
        assertTrue(RecordingSummary.isLessons("dev.vtlab.lesson.PinningLesson$Shared", "java.lang.Object"));
        assertFalse(RecordingSummary.isLessons("java.lang.Object", "jdk.internal.loader.BuiltinClassLoader"));
        assertFalse(RecordingSummary.isLessons(null, "java.util.concurrent.ThreadPoolExecutor"));
        assertFalse(RecordingSummary.isLessons("(unknown)", "java.lang.Thread"));
        assertTrue(RecordingSummary.isLessons(null, null), "no stack trace: shown, not hidden");
        assertFalse(RecordingSummary.isLessons("[I", "dev.vtlab.lesson.CounterLesson$Update"), "the JVM's class-initialization lock");
    }

    @Test
    @Timeout(5)
    void conditionsAreWaitsNotLockContention() {
        assertTrue(RecordingSummary.isLock("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertFalse(RecordingSummary.isLock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"));
        assertFalse(RecordingSummary.isLock("java.util.concurrent.CountDownLatch$Sync"));
    }
}

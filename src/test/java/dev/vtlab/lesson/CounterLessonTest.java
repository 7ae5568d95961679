package dev.vtlab.lesson;

import dev.vtlab.lesson.CounterLesson.Result;
import dev.vtlab.lesson.CounterLesson.Setup;
import dev.vtlab.report.Narrative;
import dev.vtlab.report.Style;
import dev.vtlab.report.TextRenderer;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

import static dev.vtlab.testing.Await.await;
import static dev.vtlab.testing.Await.awaitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterLessonTest {

    static Stream<ThreadKind> threadKinds() {
        return Stream.of(ThreadKind.values());
    }

    /** Every thread kind crossed with every guard that promises atomicity. */
    static Stream<Object[]> guardedCombinations() {
        return Stream.of(ThreadKind.values()).flatMap(kind -> Stream.of(Sync.values())
                .filter(Sync::promisesAtomicity).map(sync -> new Object[] {kind, sync}));
    }

    /** Two unguarded tasks: 6 interleavings of two reads and two writes, 4 end at 10 (a lost update), 2 at 20. */
    @Test
    @Timeout(10)
    void modelsEveryInterleavingUpToTheLimitAndNoneAboveIt() {
        Interleavings.Model two = CounterLesson.model(2).orElseThrow();
        assertEquals(6, two.interleavings());
        assertEquals(List.of(10L, 20L), two.endings().stream().map(Interleavings.Ending::value).toList());
        assertEquals(List.of(4L, 2L), two.endings().stream().map(Interleavings.Ending::interleavings).toList());
        assertTrue(CounterLesson.model(Interleavings.MAX_TRANSACTIONS + 1).isEmpty());
    }

    /** Both tasks read before either writes, so both write 10: the lesson's lost update, on purpose. */
    @ParameterizedTest
    @MethodSource("threadKinds")
    @Timeout(10)
    void losesAnUpdateWhenBothTasksReadBeforeEitherWrites(ThreadKind kind) throws Exception {
        var bothHaveRead = new CyclicBarrier(2);
        Pause barrier = point -> {
            if (point == Point.AFTER_READ) {
                await(bothHaveRead);
            }
        };
        Result result = CounterLesson.race(new Setup(kind, Sync.NONE, 2, Duration.ZERO), Trace.none(), task -> barrier);

        assertEquals(10, result.outcome().actual());
        var lost = assertInstanceOf(Outcome.LostUpdates.class, result.outcome());
        assertEquals(1, lost.overwrites().size());
        Overwrite overwrite = lost.overwrites().getFirst();
        assertTrue(Set.of("task 1", "task 2").contains(overwrite.lost().writer()));
        assertTrue(!overwrite.lost().writer().equals(overwrite.by().writer()), "a task cannot bury its own write");
        assertEquals(Grade.INTERESTING, result.grade());
    }

    /** Five tasks that all read 0 before any writes all write 10: four updates lost. */
    @ParameterizedTest
    @MethodSource("threadKinds")
    @Timeout(10)
    void losesEveryUpdateButOneWhenAllTasksReadFirst(ThreadKind kind) throws Exception {
        var allHaveRead = new CyclicBarrier(5);
        Pause barrier = point -> {
            if (point == Point.AFTER_READ) {
                await(allHaveRead);
            }
        };
        Result result = CounterLesson.race(new Setup(kind, Sync.NONE, 5, Duration.ZERO), Trace.none(), task -> barrier);

        assertEquals(10, result.outcome().actual());
        assertEquals(4, assertInstanceOf(Outcome.LostUpdates.class, result.outcome()).overwrites().size());
    }

    /**
     * Task 2 takes the guard only once task 1 has read; task 1 holds the guard in its racy window until task 2 is
     * seen parked on that guard; only then does it write.
     * Task 2 must then read 10, and the total is exact.
     */
    @ParameterizedTest
    @MethodSource("guardedCombinations")
    @Timeout(10)
    void secondTaskWaitsForTheGuardAndSeesTheFirstWrite(ThreadKind kind, Sync sync) throws Exception {
        var threads = new ConcurrentHashMap<String, Thread>();
        var task2Started = new CountDownLatch(1);
        Trace capture = step -> {
            if (step.kind() == Step.Kind.ARRIVE) {
                threads.put(step.task(), Thread.currentThread());
            }
        };
        var firstReader = new CountDownLatch(1);
        Pause task1Holds = point -> {
            if (point == Point.AFTER_READ && firstReader.getCount() == 1) {
                firstReader.countDown();
                await(task2Started);
                if (sync != Sync.CAS) {
                    // A monitor shows BLOCKED; a ReentrantLock parks, which shows WAITING.
                    awaitState(threads.get("task 2"), Set.of(Thread.State.BLOCKED, Thread.State.WAITING));
                }
            }
        };
        Pause task2WaitsForTask1ToRead = point -> {
            if (point == Point.ARRIVE) {
                await(firstReader);
                task2Started.countDown(); // from here on, task 2 is running or parked on the guard, nowhere else
            }
        };
        Result result = CounterLesson.race(new Setup(kind, sync, 2, Duration.ZERO), capture,
                task -> task.equals("task 1") ? task1Holds : task2WaitsForTask1ToRead);

        assertInstanceOf(Outcome.Consistent.class, result.outcome());
        assertEquals(20, result.outcome().actual());
        assertEquals(Grade.EXPECTED, result.grade());
        var last = result.history().getLast();
        assertEquals(1, last.basedOn(), "the last writer must have read the first write");
        if (sync != Sync.CAS) {
            assertEquals(List.of(10L), reads(result, "task 2"), "task 2 reads once, after task 1's write");
        }
    }

    /** Under compare-and-set, both tasks read 0; exactly one CAS fails, rereads 10 and writes 20. */
    @ParameterizedTest
    @MethodSource("threadKinds")
    @Timeout(10)
    void compareAndSetRetriesOnceWhenBothTasksReadFirst(ThreadKind kind) throws Exception {
        var bothHaveRead = new CyclicBarrier(2);
        Result result = CounterLesson.race(new Setup(kind, Sync.CAS, 2, Duration.ZERO), Trace.none(), task -> {
            var firstTime = new boolean[] {true}; // confined to this task's thread
            return point -> {
                if (point == Point.AFTER_READ && firstTime[0]) {
                    firstTime[0] = false;
                    await(bothHaveRead);
                }
            };
        });

        assertEquals(20, result.outcome().actual());
        assertEquals(1, result.retries());
        assertEquals(Grade.EXPECTED, result.grade());
    }

    /** Many tasks with no forced order: a guard keeps every update, N x 10 exactly. */
    @ParameterizedTest
    @MethodSource("guardedCombinations")
    @Timeout(20)
    void keepsEveryUpdateOfManyTasks(ThreadKind kind, Sync sync) throws Exception {
        Result result = CounterLesson.race(new Setup(kind, sync, 50, Duration.ZERO), Trace.none());

        assertEquals(500, result.outcome().actual());
        assertInstanceOf(Outcome.Consistent.class, result.outcome());
    }

    /**
     * With the lesson's real sleep instead of a barrier, the ending is the one the values read imply: if both tasks
     * read 0, both wrote 10; if one read the other's 10, it wrote 20. (The values, unlike the order in which steps
     * reached the trace, are exact.)
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void outcomeFollowsTheValuesReadWithTheRealDelay(ThreadKind kind) throws Exception {
        Result result = CounterLesson.race(new Setup(kind, Sync.NONE, 2, Duration.ofMillis(100)), Trace.none());
        List<Long> reads = new ArrayList<>(reads(result, "task 1"));
        reads.addAll(reads(result, "task 2"));
        reads.sort(null);
        if (reads.equals(List.of(0L, 0L))) {
            assertEquals(10, result.outcome().actual());
        } else {
            assertEquals(List.of(0L, 10L), reads);
            assertEquals(20, result.outcome().actual());
        }
    }

    /** Every guard crossed with every thread kind and both orders of arrival. */
    static Stream<Object[]> everyGuardKindAndOrder() {
        return Stream.of(Sync.values()).flatMap(sync -> Stream.of(ThreadKind.values()).flatMap(kind ->
                Stream.of("task 1", "task 2").map(first -> new Object[] {sync, kind, first})));
    }

    /**
     * The story as the notebook prints it, for each guard, with the order forced. {@code first} arrives first and,
     * once it has read, {@code second} arrives. A guard that takes turns prints "starting" and "finishing" inside
     * it, and the second task says it waits before it blocks: the first task holds the guard in its racy window
     * until that line has been printed. Under compare-and-set and no guard both tasks read first; the first task
     * writes and finishes before the second writes (or fails its compare-and-set, and says so).
     */
    @ParameterizedTest
    @MethodSource("everyGuardKindAndOrder")
    @Timeout(10)
    void printsTheTurnsInTheOrderTheyHappen(Sync sync, ThreadKind kind, String first) throws Exception {
        String second = first.equals("task 1") ? "task 2" : "task 1";
        boolean turns = sync == Sync.SYNCHRONIZED || sync == Sync.LOCK;
        var firstHasRead = new CountDownLatch(1);
        var secondWaits = new CountDownLatch(1);
        var secondHasRead = new CountDownLatch(1);
        var firstFinished = new CountDownLatch(1);
        var out = new StringWriter();
        var narrative = new Narrative(Narrative.Voice.COUNTER, false, 0);
        var text = new TextRenderer(new PrintWriter(out), Style.plain());
        Trace story = step -> narrative.tell(step).forEach(text::render);
        Trace trace = story.and(step -> {
            if (step.task().equals(second) && step.kind() == Step.Kind.WAIT) {
                secondWaits.countDown();
            } else if (step.task().equals(first) && step.kind() == Step.Kind.FINISH) {
                firstFinished.countDown();
            }
        });
        Pause firstPause = point -> {
            if (point == Point.AFTER_READ && firstHasRead.getCount() == 1) {
                firstHasRead.countDown();
                await(turns ? secondWaits : secondHasRead); // hold the guard (or the read) until the other is there
            }
        };
        var secondReads = new int[] {0}; // confined to the second task's thread
        Pause secondPause = point -> {
            if (point == Point.ARRIVE) {
                await(firstHasRead);
            } else if (point == Point.AFTER_READ && secondReads[0]++ == 0 && !turns) {
                secondHasRead.countDown();
                await(firstFinished); // the first task writes and finishes before this one writes
            }
        };
        Result result = CounterLesson.race(new Setup(kind, sync, 2, Duration.ZERO), trace,
                task -> task.equals(first) ? firstPause : secondPause);

        List<String> expected = switch (sync) {
            case SYNCHRONIZED, LOCK -> List.of(first + ": starting update",
                    second + ": waiting for the lock (" + first + " holds it)",
                    first + ": finishing update", second + ": starting update", second + ": finishing update");
            case CAS -> List.of(first + ": starting update", second + ": starting update",
                    first + ": finishing update",
                    second + ": compare-and-set failed: the value is 10 now; reading again",
                    second + ": finishing update");
            case NONE -> List.of(first + ": starting update", second + ": starting update",
                    first + ": finishing update", second + ": finishing update");
        };
        assertEquals(expected, out.toString().lines().toList());
        assertEquals(sync == Sync.NONE ? 10 : 20, result.outcome().actual());
    }

    /**
     * {@code --no-join}: the caller reads right after starting the tasks. Held at their arrival until that read,
     * the tasks have done nothing: the read sees the starting value, and the wait still waits for both.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void aReadBeforeTheWaitSeesTheStartingValueAndTheWaitWaitsForEveryTask(ThreadKind kind) throws Exception {
        var peeked = new CountDownLatch(1);
        Trace trace = step -> {
            if (step.kind() == Step.Kind.PEEK) {
                peeked.countDown();
            }
        };
        Pause untilPeeked = point -> {
            if (point == Point.ARRIVE) {
                await(peeked);
            }
        };
        Result result = CounterLesson.race(new Setup(kind, Sync.LOCK, 2, Duration.ZERO, true), trace,
                task -> untilPeeked);

        assertEquals(OptionalLong.of(0), result.join().earlyRead());
        assertEquals(0, result.join().finishedAtRead());
        assertEquals(2, result.join().finishedAtJoin());
        assertEquals(20, result.outcome().actual());
        assertEquals(Grade.INTERESTING, result.join().grade(20));
        assertEquals(Grade.INTERESTING, result.worstGrade());
    }

    /** Task 1 finishes before the early read, task 2 only after it: the read sees a half-done 10. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(10)
    void aReadBeforeTheWaitCanSeeAHalfDoneValue(ThreadKind kind) throws Exception {
        var peeked = new CountDownLatch(1);
        var task1Finished = new CountDownLatch(1);
        Trace trace = step -> {
            if (step.kind() == Step.Kind.PEEK) {
                peeked.countDown();
            } else if (step.kind() == Step.Kind.FINISH && step.task().equals("task 1")) {
                task1Finished.countDown();
            }
        };
        Pause task2 = point -> {
            if (point == Point.ARRIVE) {
                await(peeked);
            }
        };
        Pause callerAfterTask1 = point -> await(task1Finished);
        Result result = CounterLesson.race(new Setup(kind, Sync.NONE, 2, Duration.ZERO, true), trace,
                task -> switch (task) {
                    case "task 1" -> Pause.none();
                    case "task 2" -> task2;
                    default -> callerAfterTask1;
                });

        assertEquals(OptionalLong.of(10), result.join().earlyRead());
        assertEquals(1, result.join().finishedAtRead());
        assertEquals(20, result.outcome().actual());
        assertEquals(2, result.join().finishedAtJoin());
        assertEquals(Grade.INTERESTING, result.join().grade(20));
    }

    @Test
    @Timeout(10)
    void aWaitThatReturnsBeforeEveryTaskFinishedIsForbidden() {
        assertEquals(Grade.FORBIDDEN, new CounterLesson.Join(OptionalLong.empty(), 0, 1, 2).grade(10));
        assertEquals(Grade.EXPECTED, new CounterLesson.Join(OptionalLong.empty(), 0, 2, 2).grade(20));
        assertEquals(Grade.EXPECTED, new CounterLesson.Join(OptionalLong.of(20), 2, 2, 2).grade(20));
        assertEquals(Grade.INTERESTING, new CounterLesson.Join(OptionalLong.of(10), 1, 2, 2).grade(20));
    }

    @Test
    @Timeout(10)
    void rejectsAnEmptyOrNegativeSetup() {
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE, 2, Duration.ofMillis(-1)));
    }

    @Test
    @Timeout(10)
    void theDatabaseKeepsEveryStoreInOrderAndRefusesAStaleCompareAndSet() {
        var db = new CounterLesson.Database(0);
        var initial = db.read();
        var first = db.write("task 1", initial, 10);
        assertEquals(null, db.compareAndSet("task 2", initial, 20)); // task 2 read version 0, now gone
        var second = db.compareAndSet("task 2", first, 30);
        var blind = db.write("task 3", initial, 40);                  // a blind store of an old read
        assertEquals(List.of(initial, first, second, blind), db.history());
        assertEquals(List.of(0, 1, 2, 3), db.history().stream().map(v -> v.number()).toList());
        assertEquals(List.of(-1, 0, 1, 0), List.of(initial.basedOn(), first.basedOn(), second.basedOn(),
                blind.basedOn()));
        assertEquals(40, db.value());
    }

    @Test
    @Timeout(10)
    void anUpdateMakesOnlyTheStepsItsTraceHears() throws Exception {
        List<Step.Kind> told = new ArrayList<>();
        Trace readsOnly = new Trace() {
            @Override
            public void on(Step step) {
                told.add(step.kind());
            }

            @Override
            public boolean hears(Step.Kind kind) {
                return kind == Step.Kind.READ;
            }
        };
        var db = new CounterLesson.Database(0);
        new CounterLesson.Update("task 1", 10, Pause.none(), readsOnly, db).readAddWrite();
        assertEquals(List.of(Step.Kind.READ), told);
        assertEquals(10, db.value());

        List<Step.Kind> all = new ArrayList<>();
        new CounterLesson.Update("task 2", 10, Pause.none(), step -> all.add(step.kind()), db).readAddWrite();
        assertEquals(List.of(Step.Kind.START, Step.Kind.READ, Step.Kind.WRITE, Step.Kind.FINISH), all);
        assertEquals(20, db.value());
    }

    private static List<Long> reads(Result result, String task) {
        List<Long> reads = new ArrayList<>();
        for (Step s : result.steps()) {
            if (s.task().equals(task) && s.kind() == Step.Kind.READ) {
                reads.add(s.value());
            }
        }
        return reads;
    }
}

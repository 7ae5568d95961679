package dev.vtlab.lesson;

import dev.vtlab.lesson.FailureLesson.Caller;
import dev.vtlab.lesson.FailureLesson.Fate;
import dev.vtlab.lesson.FailureLesson.Failure;
import dev.vtlab.lesson.FailureLesson.Run;
import dev.vtlab.lesson.FailureLesson.Setup;
import dev.vtlab.lesson.FailureLesson.SubtaskRun;
import dev.vtlab.lesson.FailureLesson.Work;
import dev.vtlab.threading.Join;
import dev.vtlab.threading.ThreadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import static dev.vtlab.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on JDK 21 and, against the jar, on JDK 25 (tag jdk25): ways 3 to 5 use each JDK's own scope API. */
@Tag("jdk25")
class FailureLessonTest {

    private static final int JDK = Runtime.version().feature();

    /**
     * What a scope that wants every result throws at the first failure: JDK 21's {@code throwIfFailed()} an
     * ExecutionException, JDK 25's {@code join()} a StructuredTaskScope.FailedException (unchecked).
     */
    private static void assertThrownByAScopeOfThisJdk(Exception thrown) {
        if (JDK == 21) {
            assertInstanceOf(ExecutionException.class, thrown);
        } else {
            assertEquals("java.util.concurrent.StructuredTaskScope$FailedException", thrown.getClass().getName());
            assertInstanceOf(RuntimeException.class, thrown);
        }
    }

    /** Task 3 fails; the durations are only labels here, since the tests' Work decides when each task returns. */
    private static Setup failing(ThreadKind threads) {
        return new Setup(threads, 3, Duration.ofMillis(50), Duration.ofSeconds(1), Optional.of(Failure.ILLEGAL_STATE));
    }

    /** Each task's work, by name. */
    private static Work byName(Map<String, Work> works) {
        return plan -> works.get(plan.name()).perform(plan);
    }

    /** Counts down {@code started}, then blocks until interrupted: a sibling only a cancellation can stop. */
    private static Work untilCancelled(CountDownLatch started) {
        return plan -> {
            started.countDown();
            new CountDownLatch(1).await();
        };
    }

    private static SubtaskRun task(Run run, int number) {
        return run.subtasks().get(number - 1);
    }

    /** Way 1: the failing task throws after both siblings have started; the caller still returns normally. */
    @ParameterizedTest
    @EnumSource(value = ThreadKind.class, names = {"PLATFORM", "VIRTUAL"})
    @Timeout(10)
    void fireAndForgetNeverSurfacesTheException(ThreadKind threads) throws Exception {
        var siblingsStarted = new CountDownLatch(2);
        Work sibling = plan -> siblingsStarted.countDown();
        Run run = FailureLesson.run(Join.FIRE_AND_FORGET, failing(threads), byName(Map.of(
                "task 1", sibling, "task 2", sibling, "task 3", plan -> await(siblingsStarted))));

        var returned = assertInstanceOf(Caller.Returned.class, run.caller());
        assertEquals(List.of(), returned.results(), "fire-and-forget reads no result");
        assertEquals(Fate.FAILED, task(run, 3).fate());
        assertInstanceOf(IllegalStateException.class, task(run, 3).thrown().orElseThrow());
        assertEquals(Grade.INTERESTING, run.grade());
    }

    /**
     * Way 2: task 1 fails first, yet get() surfaces it only after the executor waited for the siblings, which were
     * not cancelled: they run to the end after the failure.
     */
    @ParameterizedTest
    @EnumSource(value = ThreadKind.class, names = {"PLATFORM", "VIRTUAL"})
    @Timeout(10)
    void getInOrderSurfacesTheFailureOnlyAfterTheUncancelledSiblings(ThreadKind threads) throws Exception {
        var failing = new Setup(threads, 1, Duration.ofMillis(50), Duration.ofSeconds(1),
                Optional.of(Failure.IO));
        var failureComing = new CountDownLatch(1);
        Work sibling = plan -> await(failureComing);
        Run run = FailureLesson.run(Join.GET_IN_ORDER, failing, byName(Map.of(
                "task 1", plan -> failureComing.countDown(), "task 2", sibling, "task 3", sibling)));

        var threw = assertInstanceOf(Caller.Threw.class, run.caller());
        assertSame(task(run, 1).thrown().orElseThrow(), threw.thrown().getCause());
        assertInstanceOf(IOException.class, threw.thrown().getCause());
        for (SubtaskRun s : run.siblings()) {
            assertEquals(Fate.COMPLETED, s.fate(), s.plan().name() + " must not be cancelled");
            assertTrue(threw.at().compareTo(s.ended()) >= 0, "the caller saw the failure before "
                    + s.plan().name() + " ended: " + threw.at() + " < " + s.ended());
        }
        assertEquals(Grade.INTERESTING, run.grade());
    }

    /**
     * Way 3: the siblings block until interrupted, so join() returning at all proves it did not wait for them; the
     * caller gets the very exception the task threw as the cause, and both siblings saw the interrupt.
     */
    @Test
    @Timeout(10)
    void shutdownOnFailureThrowsTheVeryExceptionAndInterruptsTheSiblings() throws Exception {
        var siblingsStarted = new CountDownLatch(2);
        Work sibling = untilCancelled(siblingsStarted);
        Run run = FailureLesson.run(Join.SHUTDOWN_ON_FAILURE, failing(ThreadKind.VIRTUAL), byName(Map.of(
                "task 1", sibling, "task 2", sibling, "task 3", plan -> await(siblingsStarted))));

        var threw = assertInstanceOf(Caller.Threw.class, run.caller());
        assertThrownByAScopeOfThisJdk(threw.thrown());
        assertSame(task(run, 3).thrown().orElseThrow(), threw.thrown().getCause());
        assertEquals(Fate.CANCELLED, task(run, 1).fate());
        assertEquals(Fate.CANCELLED, task(run, 2).fate());
        assertEquals(Grade.EXPECTED, run.grade());
    }

    /** Way 3 with the lesson's real sleeps: join() returns long before the siblings' 20 s (a generous bound). */
    @Test
    @Timeout(15)
    void shutdownOnFailureReturnsLongBeforeTheSiblingsWouldFinish() throws Exception {
        var setup = new Setup(ThreadKind.VIRTUAL, 2, Duration.ofMillis(10), Duration.ofSeconds(20),
                Optional.of(Failure.TIMEOUT));
        Run run = FailureLesson.run(Join.SHUTDOWN_ON_FAILURE, setup, Work.sleep());

        assertInstanceOf(Caller.Threw.class, run.caller());
        assertTrue(run.caller().at().compareTo(Duration.ofSeconds(5)) < 0, "join() took " + run.caller().at());
        run.siblings().forEach(s -> assertEquals(Fate.CANCELLED, s.fate(), s.plan().name()));
        assertTrue(run.wasted().compareTo(Duration.ofSeconds(5)) < 0, "wasted " + run.wasted());
    }

    /**
     * Way 4: task 3 fails first and the race goes on; task 1 then succeeds and wins; task 2, which only a
     * cancellation can stop, is interrupted.
     */
    @Test
    @Timeout(10)
    void shutdownOnSuccessReturnsTheFirstSuccessAndCancelsTheRest() throws Exception {
        var task2Started = new CountDownLatch(1);
        var task3Failing = new CountDownLatch(1);
        Run run = FailureLesson.run(Join.SHUTDOWN_ON_SUCCESS, failing(ThreadKind.VIRTUAL), byName(Map.of(
                "task 1", plan -> await(task3Failing),
                "task 2", untilCancelled(task2Started),
                "task 3", plan -> {
                    await(task2Started);
                    task3Failing.countDown();
                })));

        var returned = assertInstanceOf(Caller.Returned.class, run.caller());
        assertEquals(List.of("task 1"), returned.results());
        assertEquals(Fate.COMPLETED, task(run, 1).fate());
        assertEquals(Fate.CANCELLED, task(run, 2).fate());
        assertEquals(Fate.FAILED, task(run, 3).fate());
        assertEquals(Grade.EXPECTED, run.grade());
    }

    /**
     * Way 5: every task blocks until interrupted, so only the deadline can end the join; the caller gets this JDK's
     * timeout (21: java.util.concurrent.TimeoutException from joinUntil; 25: the scope's own, unchecked), and every
     * task, the one that was to fail too, is interrupted.
     */
    @Test
    @Timeout(10)
    void aDeadlineThatPassesFirstThrowsTimeoutAndInterruptsEveryTask() throws Exception {
        var started = new CountDownLatch(3);
        var setup = new Setup(ThreadKind.VIRTUAL, 3, Duration.ofMillis(50), Duration.ofSeconds(1),
                Optional.of(Failure.ILLEGAL_STATE), Duration.ofMillis(100));
        Work blocked = untilCancelled(started);
        Run run = FailureLesson.run(Join.DEADLINE, setup, blocked);

        var threw = assertInstanceOf(Caller.Threw.class, run.caller());
        assertTrue(Join.isTimeout(threw.thrown()), threw.thrown().toString());
        assertEquals(JDK == 21 ? "java.util.concurrent.TimeoutException"
                : "java.util.concurrent.StructuredTaskScope$TimeoutException", threw.thrown().getClass().getName());
        run.subtasks().forEach(s -> assertEquals(Fate.CANCELLED, s.fate(), s.plan().name()));
        assertTrue(run.failure().isEmpty());
        assertEquals(Grade.EXPECTED, run.grade());
    }

    /** Way 5 with a failure before the deadline: the scope throws the failure as way 3 does. */
    @Test
    @Timeout(10)
    void aFailureBeforeTheDeadlineIsThrownAsTheCause() throws Exception {
        var siblingsStarted = new CountDownLatch(2);
        Work sibling = untilCancelled(siblingsStarted);
        var setup = new Setup(ThreadKind.VIRTUAL, 3, Duration.ofMillis(50), Duration.ofSeconds(1),
                Optional.of(Failure.IO), Duration.ofSeconds(8));
        Run run = FailureLesson.run(Join.DEADLINE, setup, byName(Map.of(
                "task 1", sibling, "task 2", sibling, "task 3", plan -> await(siblingsStarted))));

        var threw = assertInstanceOf(Caller.Threw.class, run.caller());
        assertThrownByAScopeOfThisJdk(threw.thrown());
        assertSame(task(run, 3).thrown().orElseThrow(), threw.thrown().getCause());
        assertEquals(Fate.CANCELLED, task(run, 1).fate());
        assertEquals(Fate.CANCELLED, task(run, 2).fate());
        assertEquals(Grade.EXPECTED, run.grade());
    }

    /** The default deadline is half of the failing task's time, so that it passes first; the control's never does. */
    @Test
    @Timeout(10)
    void theDefaultDeadlinePassesBeforeTheFailure() {
        assertEquals(Duration.ofMillis(25), failing(ThreadKind.VIRTUAL).timeout());
        assertEquals(Duration.ofMillis(1), Setup.defaultTimeout(Duration.ZERO, Duration.ofSeconds(1), true));
        assertEquals(Duration.ofSeconds(2), Setup.defaultTimeout(Duration.ofMillis(50), Duration.ofSeconds(1), false),
                "the control's deadline never passes");
    }

    /** The scope ways are named as the API of this JDK names them. */
    @Test
    @Timeout(10)
    void theScopeWaysAreNamedAsThisJdksApiNamesThem() {
        assertEquals(JDK == 21 ? "ShutdownOnFailure" : "open()", Join.SHUTDOWN_ON_FAILURE.description());
        assertEquals(JDK == 21 ? "ShutdownOnSuccess" : JDK == 25 ? "anySuccessfulResult" : "anySuccessfulOrThrow",
                Join.SHUTDOWN_ON_SUCCESS.description(), "JEP 525 (JDK 26) renamed anySuccessfulResultOrThrow");
        assertEquals(JDK == 21 ? "joinUntil(deadline)" : "open() withTimeout", Join.DEADLINE.description());
    }

    /** The control: with no failure every way returns normally and nothing is wasted. */
    @ParameterizedTest
    @EnumSource(Join.class)
    @Timeout(10)
    void withNoFailureEveryWayReturnsNormally(Join way) throws Exception {
        var control = new Setup(ThreadKind.VIRTUAL, 3, Duration.ofMillis(50), Duration.ofSeconds(1), Optional.empty());
        Run run = FailureLesson.run(way, control, plan -> { });

        assertInstanceOf(Caller.Returned.class, run.caller());
        assertTrue(run.failure().isEmpty());
        assertEquals(Duration.ZERO, run.wasted());
        assertEquals(Grade.EXPECTED, run.grade());
    }

    /** In the race the first sibling answers in half the work, so there is a winner rather than a tie. */
    @Test
    @Timeout(10)
    void theReplicasOfTheRaceAnswerAtDifferentSpeeds() {
        Setup setup = failing(ThreadKind.VIRTUAL);
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(50)),
                setup.plans(Join.SHUTDOWN_ON_SUCCESS).stream().map(FailureLesson.Plan::work).toList());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(50)),
                setup.plans(Join.SHUTDOWN_ON_FAILURE).stream().map(FailureLesson.Plan::work).toList());
    }

    /** A scope or get() that returns normally despite a failure, or throws another exception, broke a promise. */
    @Test
    @Timeout(10)
    void gradesABrokenPromiseForbidden() {
        var failure = new IllegalStateException("boom");
        var returned = new Caller.Returned(Duration.ZERO, List.of());
        var threwOther = new Caller.Threw(Duration.ZERO, new ExecutionException(new IllegalStateException("other")));
        var threwSame = new Caller.Threw(Duration.ZERO, new ExecutionException(failure));
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.SHUTDOWN_ON_FAILURE, returned, Optional.of(failure)));
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.GET_IN_ORDER, returned, Optional.of(failure)));
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.SHUTDOWN_ON_FAILURE, threwOther, Optional.of(failure)));
        assertEquals(Grade.EXPECTED, FailureLesson.grade(Join.SHUTDOWN_ON_FAILURE, threwSame, Optional.of(failure)));
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.SHUTDOWN_ON_FAILURE, threwSame, Optional.empty()));
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.DEADLINE, returned, Optional.of(failure)));
        assertEquals(Grade.EXPECTED, FailureLesson.grade(Join.DEADLINE, threwSame, Optional.of(failure)));
        var timedOut = new Caller.Threw(Duration.ZERO, new java.util.concurrent.TimeoutException());
        assertEquals(JDK == 21 ? Grade.EXPECTED : Grade.FORBIDDEN,
                FailureLesson.grade(Join.DEADLINE, timedOut, Optional.empty()),
                "JDK 21's joinUntil throws java.util.concurrent's TimeoutException; JDK 25's scope its own");
        assertEquals(Grade.FORBIDDEN, FailureLesson.grade(Join.SHUTDOWN_ON_FAILURE, timedOut, Optional.empty()));
    }

    @Test
    @Timeout(10)
    void rejectsASetupTheLessonCannotRun() {
        var work = Duration.ofSeconds(1);
        var fails = Optional.of(Failure.ILLEGAL_STATE);
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.SCOPE, 3, Duration.ofMillis(50), work, fails));
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.VIRTUAL, 0, Duration.ofMillis(50), work, fails));
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.VIRTUAL, 4, Duration.ofMillis(50), work, fails));
        assertThrows(IllegalArgumentException.class,
                () -> new Setup(ThreadKind.VIRTUAL, 3, work, work, fails));
    }
}

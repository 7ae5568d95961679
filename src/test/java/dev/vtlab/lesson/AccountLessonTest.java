package dev.vtlab.lesson;

import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.AccountLesson.Verdict;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Pause.Point;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.vtlab.testing.Await.await;
import static dev.vtlab.testing.Await.awaitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountLessonTest {

    private static final List<Transaction> DEPOSIT_AND_WITHDRAWAL = Transaction.named(AccountLesson.DEFAULT_AMOUNTS);

    static Setup setup(ThreadKind kind, Sync sync, int trials, Schedule schedule) {
        return new Setup(kind, sync, AccountLesson.START, DEPOSIT_AND_WITHDRAWAL, Duration.ZERO, Duration.ZERO,
                trials, false, schedule);
    }

    /**
     * The launcher gives C1 alone to account runs below the trials from which the lesson warms up for C2: the two
     * numbers are one rule, written in bash and in Java.
     */
    @Test
    void theLauncherKeepsC2FromTheTrialsTheLessonWarmsUpFor() throws Exception {
        java.nio.file.Path launcher = java.nio.file.Path.of(System.getProperty("basedir", "."), "vtlab");
        String line = java.nio.file.Files.readAllLines(launcher).stream()
                .filter(l -> l.startsWith("readonly SHORT_TRIALS=")).findFirst().orElseThrow();
        assertEquals(AccountLesson.WARM_UP_FROM, Integer.parseInt(line.replaceAll("^readonly SHORT_TRIALS=(\\d+).*$",
                "$1")), line);
    }

    /** The estimate of a long run names each task's time, or says there is none (not "tasks of about 0 ns"). */
    @Test
    void theEstimateSaysWhenTasksHaveNoDelay() {
        var fast = setup(ThreadKind.VIRTUAL, Sync.NONE, 1_000_000, null);
        var lesson = new AccountLesson(fast);
        String none = lesson.estimate(fast).basis();
        assertTrue(none.startsWith("2,000,000 tasks with no delay, ") && !none.contains("0 ns"), none);
        var slow = new Setup(ThreadKind.VIRTUAL, Sync.NONE, AccountLesson.START, DEPOSIT_AND_WITHDRAWAL,
                Duration.ofMillis(100), Duration.ZERO, 1_000_000, false, null);
        assertTrue(lesson.estimate(slow).basis().startsWith("2,000,000 tasks of about 100 ms, "),
                lesson.estimate(slow).basis());
    }

    static Stream<Arguments> scheduleOnEveryThreadKind() {
        return Stream.of(ThreadKind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, Schedule.SERIAL, 0L),
                Arguments.of(kind, Schedule.DEPOSIT_LOST, -50L),
                Arguments.of(kind, Schedule.WITHDRAWAL_LOST, 150L)));
    }

    /**
     * Ctrl-C while 3 of 10 trials have finished and the other 7 are held in their racy window, each deposit written
     * and each withdrawal read but not written: the result is those 3 trials alone, judged, not whole, and the
     * interrupt is set again for the caller. The 7 cut halfway are left out: their accounts hold a read without its
     * write. Stopped before any trial finished, the race throws the interrupt on.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void aStoppedRaceKeepsTheTrialsThatFinishedAndNoneCutHalfway(ThreadKind kind) throws Exception {
        var setup = setup(kind, Sync.NONE, 10, null);
        var held = new CountDownLatch(7);
        var never = new CountDownLatch(1);                  // holds the withdrawals of trials 4 to 10 until cancelled
        BiFunction<Integer, String, Pause> holdFromTrial4 = (trial, name) -> point -> {
            if (trial >= 3 && name.equals("withdrawal") && point == Point.AFTER_READ) {
                held.countDown();
                never.await();
            }
        };
        var progress = new Progress();
        var interruptedAfter = new AtomicBoolean();
        var race = new FutureTask<>(() -> {
            Result result = AccountLesson.race(setup, AccountLesson.model(setup), Trace.none(), holdFromTrial4,
                    progress);
            interruptedAfter.set(Thread.currentThread().isInterrupted());
            return result;
        });
        Thread racer = Thread.ofPlatform().name("racer").start(race);
        await(held);
        awaitDone(progress, 3);
        racer.interrupt();                                  // what StopOnSignal does on Ctrl-C
        Result result = race.get();
        racer.join();

        assertEquals(3, result.trialsDone());
        assertFalse(result.isWhole());
        assertTrue(result.story().isPresent(), "trial 1, the story, finished");
        assertEquals(3, result.distribution().stream().mapToLong(row -> row.share().count()).sum());
        assertTrue(interruptedAfter.get(), "the caller still learns it was stopped");

        var none = new FutureTask<>(() -> AccountLesson.race(setup, AccountLesson.model(setup),
                Trace.none(), (trial, name) -> point -> {
                    if (point == Point.AFTER_READ) {
                        never.await();
                    }
                }, new Progress()));
        Thread second = Thread.ofPlatform().name("racer 2").start(none);
        awaitState(second, Set.of(Thread.State.WAITING));    // in invokeAll, every task held
        second.interrupt();
        var thrown = assertThrows(ExecutionException.class, none::get);
        assertTrue(thrown.getCause() instanceof InterruptedException, thrown.toString());
    }

    /** Waits (at most 5 s) until {@code progress} counts {@code units}. */
    private static void awaitDone(Progress progress, long units) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (progress.done() < units) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(progress.done() + " done, not " + units);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * The counts a result keeps are what the trials, heard one by one as they were judged, say of themselves: the
     * endings with their grades, the lost updates, and how often the first reader's write was the lost one. 12,000
     * trials run in three waves; trial 1 alone is kept whole.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(60)
    void theCountsAreThoseOfEveryTrialHeardAsItEnded(ThreadKind kind) throws Exception {
        var setup = new Setup(kind, Sync.NONE, AccountLesson.START, DEPOSIT_AND_WITHDRAWAL, Duration.ZERO,
                Duration.ofNanos(20_000), 12_000, false, null);
        var heard = new ConcurrentLinkedQueue<AccountLesson.Trial>();
        var everyStep = new AccountLesson.Judged() {
            @Override
            public void trial(AccountLesson.Trial trial) {
                heard.add(trial);
            }

            @Override
            public boolean wantsSteps() {
                return true;
            }
        };
        Result result = AccountLesson.race(setup, AccountLesson.model(setup), Trace.none(),
                (trial, name) -> Pause.none(), everyStep, new Progress());

        assertEquals(12_000, heard.size());
        assertEquals(12_000, heard.stream().map(AccountLesson.Trial::index).distinct().count());
        Map<Long, Long> byValue = new TreeMap<>();
        Map<Long, Grade> worst = new TreeMap<>();
        long lost = 0;
        long firstReaderLost = 0;
        for (AccountLesson.Trial t : heard) {
            byValue.merge(t.outcome().actual(), 1L, Long::sum);
            worst.merge(t.outcome().actual(), t.grade(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            if (t.outcome() instanceof Outcome.LostUpdates l) {
                lost++;
                String firstReader = t.steps().stream().filter(s -> s.kind() == Step.Kind.READ).findFirst()
                        .orElseThrow().task();
                firstReaderLost += l.overwrites().stream().anyMatch(o -> o.lost().writer().equals(firstReader))
                        ? 1 : 0;
            }
        }
        assertEquals(12_000, result.trialsDone());
        assertEquals(byValue, result.counts().byValue().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().trials(), (a, b) -> a, TreeMap::new)));
        result.counts().byValue().forEach((value, seen) -> assertEquals(worst.get(value), seen.worst()));
        assertEquals(lost, result.lostUpdateTrials());
        assertEquals(firstReaderLost, result.counts().firstReaderLost());
        if (lost > 0) {
            assertEquals(new Proportion(firstReaderLost, lost), result.prediction().orElseThrow().held());
        }
        assertEquals(0, result.story().orElseThrow().index());
        assertFalse(result.story().orElseThrow().steps().isEmpty(), "trial 1 keeps its steps for the story");
    }

    /** A forced schedule over two waves: every trial counted at its one ending, each losing the deposit's write. */
    @Test
    @Timeout(60)
    void aForcedScheduleIsCountedWholeAcrossWaves() throws Exception {
        Result result = AccountLesson.race(setup(ThreadKind.VIRTUAL, Sync.NONE, 7_000, Schedule.DEPOSIT_LOST),
                Trace.none());

        assertEquals(Map.of(-50L, new AccountLesson.Seen(7_000, Grade.INTERESTING)), result.counts().byValue());
        assertEquals(7_000, result.lostUpdateTrials());
        assertEquals(Map.of("deposit", 7_000L), result.counts().lostBy());
        assertTrue(result.story().orElseThrow().history().size() == 3, "trial 1 keeps its versions");
    }

    /** The warm-up keeps the run's shape and cuts its delays and jitter to at most 1 ms. */
    @Test
    @Timeout(10)
    void theWarmUpKeepsTheShapeAndCutsTheDelays() {
        var delays = new Delays(Duration.ofMillis(100), Map.of("withdrawal", Duration.ofNanos(300_000)));
        var setup = new Setup(ThreadKind.PLATFORM, Sync.CAS, 7, DEPOSIT_AND_WITHDRAWAL, delays,
                Duration.ofMillis(5), 1_000_000, false, null);
        Setup warm = AccountLesson.warmUp(setup);

        assertEquals(List.of(ThreadKind.PLATFORM, Sync.CAS, 7L, DEPOSIT_AND_WITHDRAWAL),
                List.of(warm.threads(), warm.sync(), warm.start(), warm.transactions()));
        assertEquals(Duration.ofMillis(1), warm.delays().of(DEPOSIT_AND_WITHDRAWAL.get(0)));
        assertEquals(Duration.ofNanos(300_000), warm.delays().of(DEPOSIT_AND_WITHDRAWAL.get(1)));
        assertEquals(Duration.ofMillis(1), warm.jitter());
        assertEquals(AccountLesson.WARM_UP, warm.trials());
    }

    /** A forced schedule gives its outcome in 100 of 100 trials, all trials running at once. */
    @ParameterizedTest
    @MethodSource("scheduleOnEveryThreadKind")
    @Timeout(30)
    void aForcedScheduleGivesItsOutcomeEveryTime(ThreadKind kind, Schedule schedule, long balance) throws Exception {
        Result result = AccountLesson.race(setup(kind, Sync.NONE, 100, schedule), Trace.none());

        List<Row> rows = result.distribution();
        assertEquals(1, rows.size(), () -> "expected one ending, got " + rows);
        assertEquals(balance, rows.getFirst().value());
        assertEquals(100, rows.getFirst().share().count());
    }

    /** A model built beforehand is the one the result is judged against; a model of other transactions is refused. */
    @Test
    @Timeout(10)
    void judgesAgainstTheModelItIsGivenAndRefusesOneThatDoesNotFit() throws Exception {
        Setup setup = setup(ThreadKind.VIRTUAL, Sync.NONE, 1, Schedule.SERIAL);
        Interleavings.Model model = AccountLesson.model(setup);

        assertEquals(model, AccountLesson.race(setup, model, Trace.none()).model());
        Interleavings.Model other = Interleavings.of(AccountLesson.START, Transaction.named(List.of(50L, -150L, 20L)));
        assertThrows(IllegalArgumentException.class, () -> AccountLesson.race(setup, other, Trace.none()));
    }

    /** The distribution always accounts for every trial, whatever the scheduler did. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void theDistributionSumsToTheNumberOfTrials(ThreadKind kind) throws Exception {
        var setup = new Setup(kind, Sync.NONE, AccountLesson.START, DEPOSIT_AND_WITHDRAWAL, Duration.ZERO,
                Duration.ofNanos(20_000), 500, false, null);
        Result result = AccountLesson.race(setup, Trace.none());

        assertEquals(500, result.distribution().stream().mapToLong(r -> r.share().count()).sum());
        assertEquals(500, result.trialsDone());
    }

    /**
     * With unequal delays the shorter sleeper writes first and is buried. Forced per trial: both read, then the
     * deposit (1 ms) writes before the withdrawal (2 ms) may; the rule names the deposit and held in every trial.
     * With equal delays the rule is the first reader's; under a forced schedule there is none.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void theShorterDelayPredictsTheLoserWhenDelaysDiffer(ThreadKind kind) throws Exception {
        var delays = new Delays(Duration.ZERO, Map.of("deposit", Duration.ofMillis(1),
                "withdrawal", Duration.ofMillis(2)));
        var setup = new Setup(kind, Sync.NONE, AccountLesson.START, DEPOSIT_AND_WITHDRAWAL, delays, Duration.ZERO,
                20, false, null);
        var bothRead = bothAt(Point.AFTER_READ);
        var depositWrote = new ConcurrentHashMap<Integer, CountDownLatch>();
        Result result = AccountLesson.race(setup, Trace.none(), (trial, name) -> {
            CountDownLatch wrote = depositWrote.computeIfAbsent(trial, t -> new CountDownLatch(1));
            Pause meet = bothRead.apply(trial, name);
            return point -> {
                meet.at(point);
                if (name.equals("deposit") && point == Point.AFTER_WRITE) {
                    wrote.countDown();
                } else if (name.equals("withdrawal") && point == Point.AFTER_READ) {
                    await(wrote);
                }
            };
        });

        var prediction = result.prediction().orElseThrow();
        assertEquals(AccountLesson.Prediction.Rule.SHORTER_DELAY, prediction.rule());
        assertEquals("deposit", prediction.loser());
        assertEquals(new Proportion(20, 20), prediction.held());

        Result equal = AccountLesson.race(setup(kind, Sync.NONE, 10, null), Trace.none(), bothAt(Point.AFTER_READ));
        assertEquals(AccountLesson.Prediction.Rule.FIRST_READER, equal.prediction().orElseThrow().rule());
        Result forced = AccountLesson.race(setup(kind, Sync.NONE, 10, Schedule.DEPOSIT_LOST), Trace.none());
        assertTrue(forced.prediction().isEmpty(), "a forced schedule decides by itself");
    }

    @Test
    @Timeout(10)
    void refusesADelayForATransactionThatIsNotThere() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE, 100,
                DEPOSIT_AND_WITHDRAWAL, new Delays(Duration.ZERO, Map.of("refund", Duration.ofMillis(1))),
                Duration.ZERO, 1, false, null));
        assertTrue(e.getMessage().contains("refund"), e.getMessage());
    }

    /** Sums that could leave a long in some order are refused before anything runs. */
    @Test
    @Timeout(10)
    void refusesNumbersWhoseSumsCouldWrap() {
        assertThrows(IllegalArgumentException.class, () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE,
                Long.MAX_VALUE - 10, Transaction.named(List.of(50L, -150L)), Duration.ZERO, Duration.ZERO, 1,
                false, null));
        assertThrows(IllegalArgumentException.class, () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE, 0,
                Transaction.named(List.of(Long.MIN_VALUE)), Duration.ZERO, Duration.ZERO, 1, false, null));
    }

    /** A barrier per trial at {@code point}: both transactions of a trial are there together, then go on. */
    static BiFunction<Integer, String, Pause> bothAt(Point where) {
        var barriers = new ConcurrentHashMap<Integer, CyclicBarrier>();
        return (trial, name) -> {
            CyclicBarrier barrier = barriers.computeIfAbsent(trial, t -> new CyclicBarrier(2));
            return point -> {
                if (point == where) {
                    await(barrier);
                }
            };
        };
    }

    /**
     * With a guard, every trial ends at 0 even when both transactions are released into their updates together
     * (a barrier at the start of every trial, outside the guard).
     */
    @ParameterizedTest
    @MethodSource("dev.vtlab.lesson.CounterLessonTest#guardedCombinations")
    @Timeout(30)
    void withAGuardEveryTrialEndsAtZero(ThreadKind kind, Sync sync) throws Exception {
        Result result = AccountLesson.race(setup(kind, sync, 200, null), Trace.none(), bothAt(Point.ARRIVE));

        List<Row> rows = result.distribution();
        assertEquals(1, rows.size(), () -> "every trial must end at 0, got " + rows);
        assertEquals(0, rows.getFirst().value());
        assertEquals(200, rows.getFirst().share().count());
        assertEquals(Grade.EXPECTED, rows.getFirst().grade());
        assertEquals(Verdict.CORRECT, result.verdict());
    }

    /** Both read before either writes in every trial: every trial loses an update, graded INTERESTING. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void withoutAGuardForcedOverlapLosesAnUpdateInEveryTrial(ThreadKind kind) throws Exception {
        Result result = AccountLesson.race(setup(kind, Sync.NONE, 100, null), Trace.none(), bothAt(Point.AFTER_READ));

        assertEquals(100, result.lostUpdateTrials());
        assertEquals(Verdict.RACE_SHOWN, result.verdict());
        for (Row row : result.distribution()) {
            assertTrue(row.value() == 150 || row.value() == -50, "a lost update ends at 150 or -50, got " + row);
            assertEquals(Grade.INTERESTING, row.grade());
        }
    }

    /** An unguarded run in which no trial happened to overlap shows nothing: INCONCLUSIVE, never CORRECT. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void anUnguardedRunWithoutLostUpdatesIsInconclusiveNotCorrect(ThreadKind kind) throws Exception {
        var depositDone = new ConcurrentHashMap<Integer, CountDownLatch>();
        Result result = AccountLesson.race(setup(kind, Sync.NONE, 20, null), Trace.none(), (trial, name) -> {
            CountDownLatch done = depositDone.computeIfAbsent(trial, t -> new CountDownLatch(1));
            return point -> {
                if (name.equals("deposit") && point == Point.AFTER_WRITE) {
                    done.countDown();
                } else if (name.equals("withdrawal") && point == Point.ARRIVE) {
                    await(done);
                }
            };
        });

        assertEquals(0, result.lostUpdateTrials());
        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
    }

    @Test
    @Timeout(10)
    void aScheduleIsRefusedUnderAGuardAndForTheWrongTransactions() {
        assertThrows(IllegalArgumentException.class, () -> setup(ThreadKind.VIRTUAL, Sync.LOCK, 1, Schedule.SERIAL));
        assertThrows(IllegalArgumentException.class, () -> new Setup(ThreadKind.VIRTUAL, Sync.NONE, 100,
                Transaction.named(List.of(50L, 20L)), Duration.ZERO, Duration.ZERO, 1, false, Schedule.DEPOSIT_LOST));
    }

    /** Under compare-and-set, both transactions read first in every trial: exactly one retry per trial, all at 0. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    @Timeout(30)
    void compareAndSetRetriesOncePerTrialWhenBothReadFirst(ThreadKind kind) throws Exception {
        var firstAttempt = ConcurrentHashMap.<String>newKeySet();
        var barriers = new ConcurrentHashMap<Integer, CyclicBarrier>();
        Result result = AccountLesson.race(setup(kind, Sync.CAS, 50, null), Trace.none(), (trial, name) -> point -> {
            if (point == Point.AFTER_READ && firstAttempt.add(trial + "/" + name)) {
                await(barriers.computeIfAbsent(trial, t -> new CyclicBarrier(2)));
            }
        });

        assertEquals(50, result.retries());
        assertEquals(List.of(0L), result.distribution().stream().map(Row::value).toList());
    }
}

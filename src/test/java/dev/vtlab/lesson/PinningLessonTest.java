package dev.vtlab.lesson;

import dev.vtlab.lesson.PinningLesson.Guard;
import dev.vtlab.lesson.PinningLesson.Result;
import dev.vtlab.lesson.PinningLesson.Setup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What pins on the JDK that runs the test: on JDK 21 and, against the jar, on JDK 25 (tag jdk25). Each trial has as
 * many workers as the JVM has carriers (the suite runs with 4), so when the guard pins every carrier is taken and
 * the heartbeat stalls; when it does not, the workers unmount and it keeps ticking. The workers' sleeps are the
 * lesson's own (a worker holds the guard for the hold); nothing here sleeps to wait for another thread.
 */
@Tag("jdk25")
class PinningLessonTest {

    private static final int JDK = Runtime.version().feature();
    private static final Duration HOLD = Duration.ofMillis(200);

    private static Result trial(Guard guard) throws Exception {
        return PinningLesson.trial(new Setup(guard, PinningLesson.carriers(), HOLD, Duration.ofMillis(10)));
    }

    /** JDK 21: the sleeping owner and the workers at the monitor pin every carrier; JDK 24+ (JEP 491): none. */
    @Test
    @Timeout(30)
    void synchronizedStallsTheHeartbeatOnlyOnAJdkWhereItPins() throws Exception {
        Result r = trial(Guard.SYNCHRONIZED);

        assertEquals(JDK < 24, r.pins());
        // where it does not pin, no worker keeps a carrier for a hold (a busy machine may still delay a tick)
        assertTrue(r.pins() ? r.stalled() : r.worstDelay().compareTo(HOLD) < 0, "worst delay " + r.worstDelay());
        assertEquals(r.pins() ? Grade.INTERESTING : Grade.EXPECTED, r.grade());
        assertTrue(r.why().contains("JDK " + JDK), r.why());
    }

    /**
     * A class initializer pins on 21 and 25: the worker in {@code <clinit>} and the workers waiting for it keep
     * their carriers for one hold. The class is initialized once, so the workers take about one hold in all. (JDK
     * 26 lets the waiting workers unmount: only the initializer's carrier is taken, and the heartbeat has another.)
     */
    @Test
    @Timeout(30)
    void aClassInitializerStallsTheHeartbeatOnJdk21And25() throws Exception {
        Result r = trial(Guard.CLASS_INIT);

        assertTrue(r.pins());
        assertEquals(JDK < 26, r.stalled(), "worst delay " + r.worstDelay());
        assertEquals(JDK < 26 ? Grade.INTERESTING : Grade.EXPECTED, r.grade());
        assertTrue(r.workersTotal().compareTo(HOLD.multipliedBy(2)) < 0, "took " + r.workersTotal());
    }

    /** Each trial initializes its own copy of the class: a second trial in the same JVM waits for it again. */
    @Test
    @Timeout(30)
    void everyTrialInitializesAClassOfItsOwn() throws Exception {
        trial(Guard.CLASS_INIT);
        Result again = trial(Guard.CLASS_INIT);

        assertEquals(JDK < 26, again.stalled(), "worst delay " + again.worstDelay());
        assertTrue(again.workersTotal().compareTo(HOLD.dividedBy(2)) > 0, "took " + again.workersTotal());
    }

    /** A ReentrantLock never pins: owner and waiters unmount, the heartbeat keeps a carrier. */
    @Test
    @Timeout(30)
    void aReentrantLockNeverStallsTheHeartbeat() throws Exception {
        Result r = trial(Guard.LOCK);

        assertFalse(r.pins());
        assertTrue(r.worstDelay().compareTo(HOLD) < 0, "worst delay " + r.worstDelay());
        assertEquals(Grade.EXPECTED, r.grade());
    }

    /** The same stall is the lesson on a JDK where the guard pins, and a broken promise where it does not. */
    @Test
    @Timeout(10)
    void aStallIsGradedByWhetherTheGuardPinsOnThatJdk() {
        assertEquals(Grade.INTERESTING, stalled(Guard.SYNCHRONIZED, 21).grade());
        assertEquals(Grade.FORBIDDEN, stalled(Guard.SYNCHRONIZED, 25).grade());
        var late = new Result(setup(Guard.SYNCHRONIZED), 25, 2, HOLD.multipliedBy(3).dividedBy(4), 60, 80,
                HOLD.multipliedBy(4), NO_BEATS);
        assertTrue(late.stalled());
        assertEquals(Grade.EXPECTED, late.grade(), "late by less than a hold where nothing pins: a busy machine");
        assertEquals(Grade.INTERESTING, stalled(Guard.CLASS_INIT, 21).grade());
        assertEquals(Grade.INTERESTING, stalled(Guard.CLASS_INIT, 25).grade());
        assertEquals(Grade.FORBIDDEN, stalled(Guard.LOCK, 21).grade());
        assertEquals(Grade.FORBIDDEN, stalled(Guard.NONE, 25).grade());
        var calm = new Result(setup(Guard.SYNCHRONIZED), 21, 2, Duration.ofMillis(1), 80, 80, HOLD.multipliedBy(4), NO_BEATS);
        assertEquals(Grade.EXPECTED, calm.grade());
    }

    private static final PinningLesson.Beats NO_BEATS = new PinningLesson.Beats(List.of(), 0, 0, 0);

    private static Setup setup(Guard guard) {
        return new Setup(guard, 4, HOLD, Duration.ofMillis(10));
    }

    private static Result stalled(Guard guard, int jdk) {
        return new Result(setup(guard), jdk, 2, HOLD, 20, 80, HOLD.multipliedBy(4), NO_BEATS);
    }
}

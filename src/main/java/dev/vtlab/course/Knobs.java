package dev.vtlab.course;

import dev.vtlab.lesson.DurationFormat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings the course turns to keep to a budget: the lessons' delays, holds and work, and their trial counts.
 * {@link #DEFAULTS} are the lessons' own defaults (the forced schedule's 100 trials are the course's choice: one
 * forced ending needs no thousand trials to show). {@link #FLOORS} are the least that still shows each point on a
 * busy 2-core machine: below a 10 ms delay two tasks may not overlap; below a 50 ms hold the pinning stall (3 x the
 * hold) is lost among 10 ms heartbeat ticks; below 200 trials both lost-update endings are not reliably seen; below
 * 200 ms of work the failure lesson's early failure is no longer early.
 *
 * @param counterDelay  the counter lesson's {@code --delay}: each task's sleep between its read and its write
 * @param accountTrials the account lesson's {@code --trials} for the distribution
 * @param forcedTrials  its {@code --trials} under the forced schedule
 * @param pinningHold   the pinning lesson's {@code --hold}: each worker's sleep holding the lock
 * @param failureWork   the failure lesson's {@code --work}: how long the siblings work
 * @param failAfter     its {@code --fail-after}: when the failing task throws
 */
public record Knobs(Duration counterDelay, int accountTrials, int forcedTrials, Duration pinningHold,
                    Duration failureWork, Duration failAfter) {

    public static final Knobs DEFAULTS = new Knobs(Duration.ofMillis(100), 1000, 100, Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofMillis(50));

    public static final Knobs FLOORS = new Knobs(Duration.ofMillis(10), 200, 20, Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofMillis(20));

    /**
     * Every knob at {@code factor} of its default, and at least its floor; 1 gives the defaults, 0 the floors.
     * Durations are rounded to whole milliseconds and counts to whole trials, so a command line repeats them.
     */
    public static Knobs scaled(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("a factor from 0 to 1, got " + factor);
        }
        return new Knobs(scale(DEFAULTS.counterDelay, FLOORS.counterDelay, factor),
                scale(DEFAULTS.accountTrials, FLOORS.accountTrials, factor),
                scale(DEFAULTS.forcedTrials, FLOORS.forcedTrials, factor),
                scale(DEFAULTS.pinningHold, FLOORS.pinningHold, factor),
                scale(DEFAULTS.failureWork, FLOORS.failureWork, factor),
                scale(DEFAULTS.failAfter, FLOORS.failAfter, factor));
    }

    private static Duration scale(Duration value, Duration floor, double factor) {
        return Duration.ofMillis(Math.max(floor.toMillis(), Math.round(value.toMillis() * factor)));
    }

    private static int scale(int value, int floor, double factor) {
        return (int) Math.max(floor, Math.round(value * factor));
    }

    /** The knobs that differ from the defaults, in words: {@code counter --delay 100ms -> 40ms}; empty if none. */
    public List<String> changes() {
        List<String> changes = new ArrayList<>();
        change(changes, "counter --delay", DEFAULTS.counterDelay, counterDelay);
        change(changes, "account --trials", DEFAULTS.accountTrials, accountTrials);
        change(changes, "forced --trials", DEFAULTS.forcedTrials, forcedTrials);
        change(changes, "pinning --hold", DEFAULTS.pinningHold, pinningHold);
        change(changes, "failure --work", DEFAULTS.failureWork, failureWork);
        change(changes, "--fail-after", DEFAULTS.failAfter, failAfter);
        return changes;
    }

    private static void change(List<String> changes, String what, Object from, Object to) {
        if (!from.equals(to)) {
            changes.add(what + " " + option(from) + " -> " + option(to));
        }
    }

    /** A knob as an option value: {@code 40ms}, {@code 1s}, {@code 400}. */
    static String option(Object value) {
        return value instanceof Duration d ? DurationFormat.format(d) : value.toString();
    }
}

package dev.vtlab.course;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget's plan, before any step ran (so from its guesses, which do not depend on this machine): the defaults
 * without a budget or when they fit, the floors when nothing fits, and in between a factor whose knobs fit the
 * time left.
 */
@Timeout(10)
class BudgetTest {

    private static final List<Step> STEPS = Syllabus.steps();

    @Test
    void withoutABudgetEveryStepRunsAtItsDefaults() {
        assertEquals(Knobs.DEFAULTS, new Budget(null, Duration.ZERO).next(STEPS));
    }

    @Test
    void aBudgetTheDefaultsFitScalesNothing() {
        assertEquals(Knobs.DEFAULTS, new Budget(Duration.ofMinutes(5), Duration.ZERO).next(STEPS));
    }

    @Test
    void aBudgetNothingFitsRunsAtTheFloors() {
        assertEquals(Knobs.FLOORS, new Budget(Duration.ofSeconds(2), Duration.ZERO).next(STEPS));
        assertEquals(Knobs.FLOORS, new Budget(Duration.ofSeconds(20), Duration.ofSeconds(19)).next(STEPS),
                "time spent before (the first JVM, a relaunch) counts");
    }

    /** Between the two: the largest factor whose steps' own costs fit in what the fixed costs leave. */
    @Test
    void aTightBudgetScalesEveryKnobToFitTheTimeLeft() {
        var budget = new Budget(Duration.ofSeconds(9), Duration.ZERO);
        Duration atDefaults = budget.estimate(STEPS);
        assertTrue(atDefaults.compareTo(Duration.ofSeconds(9)) > 0, "the defaults do not fit: " + atDefaults);
        Knobs knobs = budget.next(STEPS);
        assertFalse(knobs.changes().isEmpty());
        assertTrue(knobs.pinningHold().compareTo(Knobs.DEFAULTS.pinningHold()) < 0
                && knobs.pinningHold().compareTo(Knobs.FLOORS.pinningHold()) > 0, knobs.toString());
        double factor = budget.factor(STEPS);
        Duration costs = cost(Knobs.scaled(factor));
        Duration next = cost(Knobs.scaled(factor + 0.05));
        Duration fixed = atDefaults.minus(cost(Knobs.DEFAULTS));
        Duration left = Duration.ofSeconds(9).minus(fixed);
        assertTrue(costs.compareTo(left) <= 0 && next.compareTo(left) > 0,
                "factor " + factor + ": " + costs + " fits in " + left + ", one step up (" + next + ") would not");
    }

    private static Duration cost(Knobs knobs) {
        return STEPS.stream().map(s -> s.cost().apply(knobs)).reduce(Duration.ZERO, Duration::plus);
    }
}

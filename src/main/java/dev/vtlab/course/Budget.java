package dev.vtlab.course;

import java.time.Duration;
import java.util.List;

/**
 * Keeps a course to a time budget ({@code --budget}) by turning its {@link Knobs} down, and says what it turned.
 *
 * <p>A step costs its lesson's own sleeps and trials ({@link Step#cost}, which scales with the knobs) and a fixed
 * part no knob changes: running the command, judging it, writing the files. A lesson adds its recording's start,
 * its stop and its {@code vtlab jfr} summary. Both fixed parts are guessed at first ({@link #STEP_GUESS},
 * {@link #LESSON_GUESS}, measured here) and then measured as the course goes. Before each lesson the budget left,
 * less the fixed parts still to come and a {@link #RESERVE}, is what the remaining steps' sleeps and trials may
 * spend, and they get the largest factor of their defaults (in steps of 5 %) that fits: a lesson's steps share
 * its settings, so its guards are compared at the same delay; a slow start is made up later and a fast one gives
 * the later lessons more. Nothing goes below {@link Knobs#FLOORS}: a course that cannot fit even there runs at the
 * floors and says it went over. Flight Recorder's start-up, once per JVM, is spent before the first plan, so it is
 * measured, not guessed.
 *
 * <p>Without a budget every step runs at the lessons' defaults.
 *
 * <p>Called by the course's thread, except {@link #elapsed()}, which the course's exit hook reads too.
 */
public final class Budget {

    /**
     * A step's fixed part before one was measured. Measured in full courses on a busy 2-core machine (OpenJDK
     * 21.0.13, load average 11-12): 0.03-0.5 s, the first step of the course the most.
     */
    static final Duration STEP_GUESS = Duration.ofMillis(150);

    /** A lesson's recording start, stop and summary before one was measured: 0.2-0.6 s in the same courses. */
    static final Duration LESSON_GUESS = Duration.ofMillis(500);

    /**
     * What the course's first step and first summary pay once, on top of their fixed parts: loading the JSON
     * library (the rules read each step's document) and Flight Recorder's parser. 1.6-2.1 s in the same courses.
     * The measured averages leave the first step and the first lesson out, for the same reason.
     */
    static final Duration FIRST_USE = Duration.ofMillis(1800);

    /**
     * What the clock cannot see or comes after the last step: the launcher before the first JVM, the last
     * index.html, results.json and junit.xml, the JVMs' exits.
     */
    static final Duration RESERVE = Duration.ofMillis(1500);

    /** The factors tried, in steps of 5 %: knobs read as round numbers. */
    private static final int STEPS = 20;

    private final Duration limit; // null: no budget
    private final Duration spentBefore;
    private final long startNanos;
    private volatile long pausedNanos; // written by the course's thread, read by any (the exit hook)
    private Duration stepFixed = Duration.ZERO; // the course's thread only, as the rest below
    private int steps;                          // steps measured into stepFixed: all but the first
    private int stepsSeen;
    private Duration lessonFixed = Duration.ZERO;
    private int lessons;                        // lessons measured into lessonFixed: all but the first
    private int lessonsSeen;

    /**
     * @param limit       the budget, or null for none
     * @param spentBefore time the course spent before this object was made (the first JVM's start, a relaunch)
     */
    public Budget(Duration limit, Duration spentBefore) {
        this.limit = limit;
        this.spentBefore = spentBefore;
        this.startNanos = System.nanoTime();
    }

    /** The budget, or null. */
    public Duration limit() {
        return limit;
    }

    /** Time since the course started, including {@code spentBefore}, less the pauses for Enter. Any thread. */
    public Duration elapsed() {
        return spentBefore.plusNanos(System.nanoTime() - startNanos - pausedNanos);
    }

    /** The course waited this long for the teacher ({@code --pause}): not the course's time. */
    public void paused(Duration waited) {
        pausedNanos += waited.toNanos(); // one writer
    }

    /** The knobs for the next lesson's steps, given every step still to run (that lesson's first). */
    public Knobs next(List<Step> remaining) {
        return limit == null ? Knobs.DEFAULTS : Knobs.scaled(factor(remaining));
    }

    /** A step ended: what it took beyond its own sleeps and trials is its fixed part (the first's is not typical). */
    public void stepDone(Step step, Knobs knobs, Duration took) {
        Duration fixed = took.minus(step.cost().apply(knobs));
        if (stepsSeen++ > 0) {
            stepFixed = stepFixed.plus(fixed.isNegative() ? Duration.ZERO : fixed);
            steps++;
        }
    }

    /** A lesson's recording started, stopped and was summarised in this long, its steps aside. */
    public void lessonDone(Duration fixed) {
        if (lessonsSeen++ > 0) {
            lessonFixed = lessonFixed.plus(fixed);
            lessons++;
        }
    }

    /** What the steps will take at the defaults from now, by the estimate the budget plans with. */
    public Duration estimate(List<Step> remaining) {
        return elapsed().plus(fixed(remaining)).plus(cost(remaining, Knobs.DEFAULTS));
    }

    /** The largest factor (of {@link #STEPS}) whose knobs fit what is left of the budget, else 0 (the floors). */
    double factor(List<Step> remaining) {
        Duration left = limit.minus(elapsed()).minus(fixed(remaining));
        for (int i = STEPS; i > 0; i--) {
            double factor = (double) i / STEPS;
            if (cost(remaining, Knobs.scaled(factor)).compareTo(left) <= 0) {
                return factor;
            }
        }
        return 0;
    }

    /** The fixed parts of the remaining steps and their lessons, and the reserve. */
    private Duration fixed(List<Step> remaining) {
        Duration perStep = steps == 0 ? STEP_GUESS : stepFixed.dividedBy(steps);
        Duration perLesson = lessons == 0 ? LESSON_GUESS : lessonFixed.dividedBy(lessons);
        long lessonsLeft = remaining.stream().map(Step::lesson).distinct().count();
        return perStep.multipliedBy(remaining.size()).plus(perLesson.multipliedBy(lessonsLeft)).plus(RESERVE)
                .plus(stepsSeen == 0 ? FIRST_USE : Duration.ZERO);
    }

    private static Duration cost(List<Step> steps, Knobs knobs) {
        Duration total = Duration.ZERO;
        for (Step step : steps) {
            total = total.plus(step.cost().apply(knobs));
        }
        return total;
    }
}

package dev.vtlab.lesson;

import java.time.Duration;

/**
 * What one run will do and about how long it should take, worked out from its setup before it starts: the runner
 * prints a long estimate before the run, and its progress line counts {@code units} of {@code unit}.
 *
 * @param units how many units the run does (its trials, its tasks); 0 if the lesson cannot count them
 * @param unit  the unit's name in the plural, as the progress line says it: {@code trials}
 * @param time  about how long the run takes, or {@link Duration#ZERO} if the lesson cannot tell
 * @param basis how the time follows from the setup, in a few words: {@code 2000000 tasks of 1 s, 200 at a time}
 */
public record Estimate(long units, String unit, Duration time, String basis) {

    /** A run the lesson cannot count or time: no estimate is printed, and the line shows only time. */
    public static final Estimate NONE = new Estimate(0, "", Duration.ZERO, "");

    public Estimate {
        if (units < 0 || time.isNegative()) {
            throw new IllegalArgumentException("an estimate counts from 0, got " + units + " " + unit + " in "
                    + time);
        }
    }

    /** Tasks that each take {@code each}, {@code atOnce} at a time: the rounds they need, one {@code each} a round. */
    public static Duration inRounds(long tasks, long atOnce, Duration each) {
        long rounds = (tasks + atOnce - 1) / Math.max(1, atOnce);
        return each.multipliedBy(rounds);
    }
}

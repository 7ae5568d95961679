package dev.vtlab.course;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtlab.course.Step.Lesson;
import dev.vtlab.lesson.Grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course: every lesson in the README's teaching order, each step one vtlab command with settings that show its
 * point, and next to each step the rule that says whether it did. The rules read the step's JSON document, the same
 * fields a script reads with {@code jq} ({@code schema/vtlab-result.schema.json}).
 *
 * <pre>
 *  step  command                              SHOWN when                       INCONCLUSIVE when      FAILED when
 *  1     counter --sync none                  an update was lost (INTERESTING) none was (EXPECTED)    -
 *  2-4   counter --sync synchronized|lock|cas every update was kept (EXPECTED) -                      one was lost
 *                                                                                                     (FORBIDDEN)
 *  5     account                              both lost-update endings, -50    only one of them,      an ending the
 *                                             and 150, were seen               or none               model forbids
 *  6     account --schedule withdrawal-lost   every trial ended at 150         -                      any other
 *          --timeline                                                                                 ending
 *  7     pinning                              synchronized stalled the         either did otherwise   -
 *                                             heartbeat and the lock did not
 *  8     failure                              no way was FORBIDDEN: the        -                      a FORBIDDEN way
 *                                             failure lost (1), late (2),
 *                                             at once (3), ignored (4)
 * </pre>
 *
 * An inconclusive step broke no promise: a race can be shown, never proved absent, and a busy machine can hide one.
 * A step whose command ended with an exit code other than 0 or 3 is an ERROR, whatever its rule.
 */
public final class Syllabus {

    public static final Lesson COUNTER = new Lesson(1, "counter", "the lost update, and three guards that fix it");
    public static final Lesson ACCOUNT = new Lesson(2, "account", "which update is lost, and how often");
    public static final Lesson PINNING = new Lesson(3, "pinning", "synchronized pins virtual threads' carriers");
    public static final Lesson FAILURE = new Lesson(4, "failure", "a lost exception, and a scope that keeps it");

    /** The lessons, in teaching order. */
    public static final List<Lesson> LESSONS = List.of(COUNTER, ACCOUNT, PINNING, FAILURE);

    // What a trial of the account lesson costs beyond the step's fixed part, all trials at once: with its 1 ms delay
    // and jitter, and under the forced schedule, whose sequencer hands the turns over one by one. Measured in
    // courses on a busy 2-core machine (OpenJDK 21.0.13, load average 10-12): 1000 trials took 0.26-0.32 s and 200
    // took 0.3 s; 100 forced trials 0.15 s and 20 took 0.03 s.
    private static final Duration PER_TRIAL = Duration.ofNanos(200_000);
    private static final Duration PER_FORCED_TRIAL = Duration.ofNanos(1_500_000);
    private static final int PINNING_WORKERS = 4;

    private Syllabus() {
    }

    /** The course's steps, in order. */
    public static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, COUNTER, "unguarded", k -> counter("none", k), k -> k.counterDelay(),
                Syllabus::unguarded));
        int number = 2;
        for (String guard : List.of("synchronized", "lock", "cas")) {
            steps.add(new Step(number++, COUNTER, guard, k -> counter(guard, k),
                    k -> k.counterDelay().multipliedBy(2), Syllabus::guarded)); // the two tasks take turns
        }
        steps.add(new Step(number++, ACCOUNT, "distribution", Syllabus::distribution,
                k -> PER_TRIAL.multipliedBy(k.accountTrials()), Syllabus::bothEndings));
        steps.add(new Step(number++, ACCOUNT, "forced order", Syllabus::forced,
                k -> PER_FORCED_TRIAL.multipliedBy(k.forcedTrials()), Syllabus::forcedEnding));
        steps.add(new Step(number++, PINNING, "two locks", Syllabus::pinning,
                k -> k.pinningHold().multipliedBy(2 * PINNING_WORKERS), Syllabus::stall)); // two runs, in turn
        steps.add(new Step(number, FAILURE, "five ways", Syllabus::failure,
                k -> k.failureWork().multipliedBy(5).dividedBy(2).plus(k.failAfter()), Syllabus::failures));
        return List.copyOf(steps);
    }

    // ---- the commands ---------------------------------------------------------------------------------------

    private static List<String> counter(String guard, Knobs k) {
        List<String> args = new ArrayList<>(List.of("counter", "--sync", guard));
        knob(args, "--delay", Knobs.DEFAULTS.counterDelay(), k.counterDelay());
        return args;
    }

    private static List<String> distribution(Knobs k) {
        List<String> args = new ArrayList<>(List.of("account"));
        knob(args, "--trials", Knobs.DEFAULTS.accountTrials(), k.accountTrials());
        return args;
    }

    private static List<String> forced(Knobs k) {
        // the lesson's default is 1000 trials; the course always says how many
        return new ArrayList<>(List.of("account", "--schedule", "withdrawal-lost", "--timeline", "--trials",
                Integer.toString(k.forcedTrials())));
    }

    private static List<String> pinning(Knobs k) {
        List<String> args = new ArrayList<>(List.of("pinning"));
        knob(args, "--hold", Knobs.DEFAULTS.pinningHold(), k.pinningHold());
        return args;
    }

    private static List<String> failure(Knobs k) {
        List<String> args = new ArrayList<>(List.of("failure"));
        knob(args, "--work", Knobs.DEFAULTS.failureWork(), k.failureWork());
        knob(args, "--fail-after", Knobs.DEFAULTS.failAfter(), k.failAfter());
        return args;
    }

    private static void knob(List<String> args, String option, Object lessonDefault, Object value) {
        if (!lessonDefault.equals(value)) {
            args.add(option);
            args.add(Knobs.option(value));
        }
    }

    // ---- the rules --------------------------------------------------------------------------------------------

    /** Step 1: the unguarded counter lost an update (INTERESTING); losing none is inconclusive. */
    static Judgement unguarded(JsonNode doc) {
        JsonNode run = doc.get("runs").get(0);
        long actual = run.get("actual").asLong();
        long expected = run.get("expected").asLong();
        return switch (grade(doc)) {
            case INTERESTING -> Judgement.shown("lost an update: " + actual + ", not " + expected);
            case EXPECTED -> Judgement.inconclusive("no update lost this time: " + actual);
            case FORBIDDEN -> Judgement.failed("FORBIDDEN: ended at " + actual + ", expected " + expected);
        };
    }

    /** Steps 2-4: a guard kept every update (EXPECTED); a lost one is FORBIDDEN. */
    static Judgement guarded(JsonNode doc) {
        JsonNode run = doc.get("runs").get(0);
        long actual = run.get("actual").asLong();
        long expected = run.get("expected").asLong();
        long retries = run.get("retries").asLong();
        return switch (grade(doc)) {
            case EXPECTED -> Judgement.shown("kept every update: " + actual
                    + (retries == 0 ? "" : " (" + retries + (retries == 1 ? " retry)" : " retries)")));
            case INTERESTING -> Judgement.failed("a guarded run graded INTERESTING: " + actual);
            case FORBIDDEN -> Judgement.failed("lost an update under the guard: " + actual + ", not " + expected);
        };
    }

    /** Step 5: both lost-update endings appeared; one of them alone, or none, is inconclusive. */
    static Judgement bothEndings(JsonNode doc) {
        JsonNode run = doc.get("runs").get(0);
        long trials = run.get("parameters").get("trials").asLong();
        if (grade(doc) == Grade.FORBIDDEN) {
            return Judgement.failed("an ending the model forbids: " + endings(run, false));
        }
        long lostEndings = 0;
        for (JsonNode row : run.get("observed")) {
            if (Grade.valueOf(row.get("grade").asText()) == Grade.INTERESTING) {
                lostEndings++;
            }
        }
        if (lostEndings >= 2) {
            return Judgement.shown(endings(run, true) + " of " + trials);
        }
        return Judgement.inconclusive(lostEndings == 0 ? "no update lost in " + trials + " trials"
                : "only one ending: " + endings(run, true) + " of " + trials);
    }

    /** Step 6: the forced order ended every trial at 150; any other ending means it did not force. */
    static Judgement forcedEnding(JsonNode doc) {
        JsonNode run = doc.get("runs").get(0);
        long trials = run.get("parameters").get("trials").asLong();
        JsonNode observed = run.get("observed");
        if (observed.size() == 1 && observed.get(0).get("balance").asLong() == 150
                && observed.get(0).get("trials").asLong() == trials) {
            return Judgement.shown("150 in all " + trials + " trials");
        }
        return Judgement.failed("the forced order did not force 150: " + endings(run, false));
    }

    /** Step 7: synchronized stalled the heartbeat and the lock did not; anything else is inconclusive. */
    static Judgement stall(JsonNode doc) {
        JsonNode monitor = null;
        JsonNode lock = null;
        for (JsonNode run : doc.get("runs")) {
            switch (run.get("lock").asText()) {
                case "synchronized" -> monitor = run;
                case "lock" -> lock = run;
                default -> { } // the control (--lock none) is not a step of the course
            }
        }
        if (monitor == null || lock == null) {
            throw new IllegalArgumentException("the pinning step runs synchronized and lock, got " + doc.get("runs"));
        }
        String stall = "stall " + ms(monitor) + "; lock " + ms(lock);
        if (!monitor.get("stalled").asBoolean()) {
            return Judgement.inconclusive("synchronized did not stall: " + ms(monitor));
        }
        if (lock.get("stalled").asBoolean()) {
            return Judgement.inconclusive("the lock stalled too (a busy machine?): " + stall);
        }
        return Judgement.shown(stall);
    }

    /** Step 8: no way was FORBIDDEN, so the failure was lost, seen late, propagated at once, and ignored. */
    static Judgement failures(JsonNode doc) {
        List<String> forbidden = new ArrayList<>();
        double late = 0;
        double scope = 0;
        for (JsonNode run : doc.get("runs")) {
            if (Grade.valueOf(run.get("grade").asText()) == Grade.FORBIDDEN) {
                forbidden.add(run.get("number").asText() + " " + run.get("way").asText());
            }
            switch (run.get("number").asInt()) {
                case 2 -> late = run.get("caller").get("atMs").asDouble();
                case 3 -> scope = run.get("caller").get("atMs").asDouble();
                default -> { }
            }
        }
        if (!forbidden.isEmpty()) {
            return Judgement.failed("FORBIDDEN: " + String.join(", ", forbidden));
        }
        return Judgement.shown(String.format(Locale.ROOT, "lost; late (%.0f ms); scope %.0f ms", late, scope));
    }

    // ---- helpers of the rules ---------------------------------------------------------------------------------

    private static Grade grade(JsonNode doc) {
        return Grade.valueOf(doc.get("grade").asText());
    }

    /** The endings observed, {@code -50: 512, 150: 488}; only the lost updates' when {@code lostOnly}. */
    private static String endings(JsonNode run, boolean lostOnly) {
        List<String> parts = new ArrayList<>();
        for (JsonNode row : run.get("observed")) {
            if (!lostOnly || Grade.valueOf(row.get("grade").asText()) == Grade.INTERESTING) {
                parts.add(row.get("balance").asText() + ": " + row.get("trials").asText());
            }
        }
        return String.join(", ", parts);
    }

    private static String ms(JsonNode pinningRun) {
        return String.format(Locale.ROOT, "%.0f ms", pinningRun.get("heartbeatWorstDelayMs").asDouble());
    }
}

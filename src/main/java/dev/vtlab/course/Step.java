package dev.vtlab.course;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One step of the course: one vtlab command, its rule, and what it costs at given {@link Knobs}.
 *
 * @param number  1, 2, ... in teaching order
 * @param lesson  the lesson it belongs to
 * @param name    what the step is, in a word or two ({@code unguarded}, {@code forced order})
 * @param args    the command's arguments at the given knobs, without {@code ./vtlab}; a knob at its lesson's
 *                default is left out, so the command reads as a student would type it
 * @param cost    the time the lesson's own sleeps and trials take at the given knobs, without the course's fixed
 *                cost per step (starting, recording, writing), which {@link Budget} measures as it goes
 * @param rule    whether the step's document (its {@code --format json}) showed the point, and what it showed
 */
public record Step(int number, Lesson lesson, String name, Function<Knobs, List<String>> args,
                   Function<Knobs, Duration> cost, Rule rule) {

    /** Judges a step from its JSON document: the same fields a script reads with {@code jq}. */
    @FunctionalInterface
    public interface Rule {
        Judgement judge(JsonNode document);
    }

    /**
     * A lesson of the course, in the README's teaching order.
     *
     * @param number 1, 2, ...
     * @param name   its command: {@code counter}
     * @param point  what the lesson is there to show, in a few words
     */
    public record Lesson(int number, String name, String point) {
        /** Where its recording goes: {@code 1-counter.jfr}. */
        public String file() {
            return number + "-" + name;
        }
    }

    /** The command line a student types to repeat the step: {@code ./vtlab counter --sync none}. */
    public String command(Knobs knobs) {
        return "./vtlab " + String.join(" ", args.apply(knobs));
    }

    /** The base of the step's own files: {@code 1-counter-unguarded}. */
    public String file() {
        return lesson.file() + "-" + name.replace(' ', '-');
    }
}

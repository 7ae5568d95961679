package dev.vtlab.report;

import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.sync.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lesson's story, one line per step: each task starting and finishing its update, a task waiting for a guard,
 * each compare-and-set retry, the caller's early read, and with {@code verbose} each read and write with its time
 * since the start. The text prints a line as its step happens; the HTML page tells the same lines afterwards.
 *
 * <p>One order is the story's own: a task's "waiting for the lock (task 1 holds it)" comes after task 1's
 * "starting". A guard names its holder as soon as it has the lock, a moment before the holder's update says it
 * starts, and a task that arrives in that moment sees the holder first; its wait is then told right after the
 * holder's start ({@link #tell}), as the reader expects it. The steps themselves, and their times, are untouched.
 *
 * <p><b>Memory visibility.</b> {@link #tell} is synchronized: the task threads call it one at a time, and each sees
 * the starts and held waits the others left.
 */
public final class Narrative {

    /** How a lesson words a task starting and finishing; each takes the task's name. */
    public enum Voice {
        COUNTER("%s: starting update", "%s: finishing update"),
        ACCOUNT("%s thread updating...", "%s thread finishing...");

        private final String start;
        private final String finish;

        Voice(String start, String finish) {
            this.start = start;
            this.finish = finish;
        }
    }

    private final Voice voice;
    private final boolean verbose;
    private final long startNanos;
    private final Set<String> started = new HashSet<>();              // guarded by this
    private final Map<String, List<Step>> heldWaits = new HashMap<>(); // by holder; guarded by this

    /** @param startNanos {@link System#nanoTime()} at the run's start, for the times of {@code verbose} */
    public Narrative(Voice voice, boolean verbose, long startNanos) {
        this.voice = voice;
        this.verbose = verbose;
        this.startNanos = startNanos;
    }

    /** The line this step adds to the story, or null if it adds none. */
    public Para line(Step step) {
        Span name = new Span(step.task(), Tone.TASK);
        List<Span> spans = switch (step.kind()) {
            case ARRIVE -> null;
            case WAIT -> List.of(name, new Span(": waiting for the lock (", Tone.DIM),
                    new Span(step.holder(), Tone.TASK), new Span(" holds it)", Tone.DIM));
            case START -> words(voice.start, name);
            case FINISH -> words(voice.finish, name);
            case RETRY -> List.of(name, Span.plain(": "), new Span("compare-and-set failed: the value is "
                    + step.value() + " now; reading again", Tone.WARN));
            case PEEK -> List.of(name, Span.plain(": "), new Span("read " + step.value()
                    + " before waiting for the tasks (--no-join)", Tone.WARN));
            case READ -> verbose ? List.of(name, new Span(":   read " + step.value() + at(step), Tone.DIM)) : null;
            case WRITE -> verbose ? List.of(name, new Span(":   wrote " + step.value() + at(step), Tone.DIM)) : null;
        };
        return spans == null ? null : new Para(spans, 0, 0);
    }

    /**
     * The lines this step adds to the story, in the story's order: none for a wait whose holder has not been told to
     * start yet (it is held), and after a start the waits held for that task.
     */
    public synchronized List<Para> tell(Step step) {
        if (step.kind() == Step.Kind.WAIT && !started.contains(step.holder())) {
            heldWaits.computeIfAbsent(step.holder(), holder -> new ArrayList<>()).add(step);
            return List.of();
        }
        List<Para> lines = new ArrayList<>();
        add(lines, line(step));
        if (step.kind() == Step.Kind.START) {
            started.add(step.task());
            heldWaits.getOrDefault(step.task(), List.of()).forEach(wait -> add(lines, line(wait)));
            heldWaits.remove(step.task());
        }
        return lines;
    }

    private static void add(List<Para> lines, Para line) {
        if (line != null) {
            lines.add(line);
        }
    }

    /** Every line the story tells of these steps, in the story's order ({@link #tell}); held waits last, if any. */
    public synchronized List<String> lines(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            tell(step).forEach(p -> lines.add(p.text()));
        }
        heldWaits.values().forEach(waits -> waits.forEach(wait -> lines.add(line(wait).text())));
        heldWaits.clear();
        return lines;
    }

    /** {@code "%s: starting update"} with the task's name, in its colour, where {@code %s} stands. */
    private static List<Span> words(String format, Span name) {
        int at = format.indexOf("%s");
        return List.of(Span.plain(format.substring(0, at)), name, Span.plain(format.substring(at + 2)));
    }

    private String at(Step step) {
        return String.format(Locale.ROOT, "  (at %.1f ms)", (step.nanos() - startNanos) / 1e6);
    }
}

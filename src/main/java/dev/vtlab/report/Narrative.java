package dev.vtlab.report;

import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Tone;
import dev.vtlab.sync.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lesson's story, one line per step: each task starting and finishing its update, a task waiting for a guard,
 * each compare-and-set retry, the caller's early read, and with {@code verbose} each read and write with its time
 * since the start. The text prints a line as its step happens; the HTML page tells the same lines afterwards.
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

    /** Every line the story tells of these steps, in their order. */
    public List<String> lines(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            Para p = line(step);
            if (p != null) {
                lines.add(p.text());
            }
        }
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

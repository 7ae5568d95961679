package dev.vtlab.report;

import dev.vtlab.sync.Step;
import dev.vtlab.sync.Trace;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints the lesson's story as it happens: each task starting and finishing its update, each compare-and-set
 * retry, and with {@code verbose} each read and write with its time since the start.
 *
 * <p>Called from the task threads. {@link PrintWriter#println(String)} locks the writer, so lines never interleave
 * mid-line; printing is short next to the lessons' delays, and with {@code --delay 0} it is part of what races.
 */
public final class Narrative implements Trace {

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
    private final PrintWriter out;
    private final Style style;
    private final boolean verbose;
    private final long startNanos;

    public Narrative(Voice voice, PrintWriter out, Style style, boolean verbose, long startNanos) {
        this.voice = voice;
        this.out = out;
        this.style = style;
        this.verbose = verbose;
        this.startNanos = startNanos;
    }

    @Override
    public void on(Step step) {
        String name = style.task(step.task());
        String who = name + ": ";
        String line = switch (step.kind()) {
            case ARRIVE -> null;
            case WAIT -> who + style.dim("waiting for the lock (" + style.task(step.holder()) + " holds it)");
            case START -> String.format(voice.start, name);
            case FINISH -> String.format(voice.finish, name);
            case PEEK -> who + style.yellow("read " + step.value() + " before waiting for the tasks (--no-join)");
            case RETRY -> who + style.yellow("compare-and-set failed: the value is " + step.value()
                    + " now; reading again");
            case READ -> verbose ? who + style.dim("  read " + step.value() + at(step)) : null;
            case WRITE -> verbose ? who + style.dim("  wrote " + step.value() + at(step)) : null;
        };
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private String at(Step step) {
        return String.format(Locale.ROOT, "  (at %.1f ms)", (step.nanos() - startNanos) / 1e6);
    }
}

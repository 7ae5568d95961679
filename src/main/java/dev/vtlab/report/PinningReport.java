package dev.vtlab.report;

import dev.vtlab.lesson.PinningLesson.Guard;
import dev.vtlab.lesson.PinningLesson.Result;
import dev.vtlab.lesson.PinningLesson.Setup;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Renders the pinning lesson: each trial's heartbeat, then the trials side by side and why they differ. */
public final class PinningReport {

    private final PrintWriter out;
    private final Style style;

    public PinningReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void header(Setup setup, int carriers) {
        out.println(style.bold("== pinning: " + setup.guard().description() + " held while sleeping =="));
        Text.wrap(style.dim(setup.workers() + " virtual-thread workers each hold it for "
                + Millis.brief(setup.hold()) + ", on " + carriers + " carrier threads (JDK "
                + Runtime.version().feature() + "); a heartbeat ticks every " + Millis.brief(setup.tick())), "")
                .forEach(out::println);
        out.flush();
    }

    public void result(Result r) {
        Text.wrap("Heartbeat: " + r.ticks() + " ticks of about " + r.expectedTicks() + ", worst delay "
                + Millis.of(r.worstDelay()) + "; the workers took " + Millis.of(r.workersTotal()) + " in all.", "")
                .forEach(out::println);
        Text.wrap(style.grade(r.grade(), r.grade().name()) + switch (r.grade()) {
            case INTERESTING -> ": the heartbeat stalled for " + Millis.of(r.worstDelay())
                    + ": every carrier was pinned by a worker.";
            case EXPECTED -> r.stalled() ? ": the heartbeat was late by " + Millis.of(r.worstDelay()) + ", less than"
                    + " a hold: a busy machine, not a pin (" + r.setup().guard().description() + " does not pin on JDK "
                    + r.jdk() + ")." : ": the heartbeat kept ticking.";
            case FORBIDDEN -> ": the heartbeat stalled for " + Millis.of(r.worstDelay()) + ", although "
                    + r.setup().guard().description() + " does not pin on JDK " + r.jdk() + ".";
        }, "").forEach(out::println);
        out.println();
        out.flush();
    }

    /** The trials side by side, and the explanation. */
    public void compare(List<Result> results) {
        out.println(style.bold("What the lesson showed:"));
        out.printf(Locale.ROOT, "  %-24s %14s %14s %14s%n", "held while sleeping", "worst delay",
                "heartbeat", "workers took");
        for (Result r : results) {
            out.printf(Locale.ROOT, "  %-24s %14s %14s %14s%n", r.setup().guard().description(),
                    Millis.of(r.worstDelay()), r.ticks() + " of ~" + r.expectedTicks(), Millis.of(r.workersTotal()));
        }
        // The lesson's words for each guard's outcome on this JDK (PinningLesson.Guard.why).
        for (Result r : results) {
            if (r.setup().guard() != Guard.NONE) {
                Text.wrap(r.why(), "  ").forEach(out::println);
            }
        }
        if (results.stream().anyMatch(Result::stalled)) {
            Text.wrap("Only the bystander pays. Record it with --jfr to see each jdk.VirtualThreadPinned event and"
                    + " the stack that pinned.", "  ").forEach(out::println);
        }
        out.flush();
    }
}

package dev.vtlab.report;

import dev.vtlab.lesson.PinningLesson.Guard;
import dev.vtlab.lesson.PinningLesson.Result;
import dev.vtlab.lesson.PinningLesson.Setup;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.TickSeries;
import dev.vtlab.report.Block.Ticks;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.List;

import static dev.vtlab.report.Millis.json;

/**
 * The pinning lesson's view: each trial's heartbeat and grade, then the trials side by side and why they differ,
 * and the heartbeat's ticks on a time axis per lock kind (a stall is a gap). Its data is per lock kind the
 * heartbeat's worst delay and ticks, the workers' total time, whether it stalled, and the grade.
 */
public final class PinningView implements LessonView<Setup, Result> {

    /** @param carriers the virtual-thread scheduler's parallelism while the trials ran */
    record Parameters(int workers, double holdMs, double tickMs, int carriers) {
    }

    /**
     * @param lock          synchronized, lock (a ReentrantLock) or none (the control)
     * @param stalled       the worst delay reached half a hold: carriers were pinned, not merely busy
     * @param expectedTicks ticks an unhindered heartbeat would have made while the workers ran
     * @param jdk           the feature release the trial ran on
     * @param pins          the lock pins a virtual thread on this JDK (synchronized on 21, a class initializer on 21
     *                      and 25): a stall is then INTERESTING, a whole hold missed otherwise FORBIDDEN
     */
    record RunData(String lock, Parameters setup, double heartbeatWorstDelayMs, int heartbeatTicks,
                   int expectedTicks, double workersTotalMs, boolean stalled, int jdk, boolean pins, String grade) {
    }

    @Override
    public String title() {
        return "What pins the carriers of virtual threads, and what a bystander pays";
    }

    @Override
    public Object data(Ran<Setup, Result> run) {
        Result r = run.result();
        Setup s = r.setup();
        return new RunData(s.guard().cliName(), new Parameters(s.workers(), json(s.hold()), json(s.tick()),
                r.carriers()), json(r.worstDelay()), r.ticks(), r.expectedTicks(), json(r.workersTotal()),
                r.stalled(), r.jdk(), r.pins(), r.grade().name());
    }

    @Override
    public Object summaryData(List<Ran<Setup, Result>> runs) {
        return null;
    }

    @Override
    public List<Block> before(Setup setup) {
        return List.of(new Heading(1, "== pinning: " + setup.guard().description() + " held while sleeping =="),
                Para.of(Tone.DIM, setup.workers() + " virtual-thread workers each hold it for "
                        + Millis.brief(setup.hold()) + ", on " + dev.vtlab.lesson.PinningLesson.carriers()
                        + " carrier threads (JDK " + Runtime.version().feature() + "); a heartbeat ticks every "
                        + Millis.brief(setup.tick())));
    }

    @Override
    public Narrative narrative(Setup setup, long startNanos) {
        return null;
    }

    @Override
    public List<Block> after(Ran<Setup, Result> run) {
        Result r = run.result();
        var ending = r.ending();
        return List.of(
                Para.of("Heartbeat: " + r.ticks() + " ticks of about " + r.expectedTicks() + ", worst delay "
                        + Millis.of(r.worstDelay()) + "; the workers took " + Millis.of(r.workersTotal())
                        + " in all."),
                new Para(List.of(new Span(ending.grade().name(), Tone.of(ending.grade())), Span.plain(": "
                        + switch (ending) {
                            case STALLED -> "the heartbeat stalled for " + Millis.of(r.worstDelay()) + ": every"
                                    + " carrier was pinned by a worker.";
                            case TICKED -> ending.words();
                            case LATE -> "the heartbeat was late by " + Millis.of(r.worstDelay()) + ", less than a"
                                    + " hold: a busy machine, not a pin (" + r.setup().guard().description()
                                    + " does not pin on JDK " + r.jdk() + ").";
                            case STALLED_UNPINNED -> "the heartbeat stalled for " + Millis.of(r.worstDelay())
                                    + ", although " + r.setup().guard().description() + " does not pin on JDK "
                                    + r.jdk() + ".";
                        })), 0, 0),
                new Block.Blank());
    }

    @Override
    public List<Block> summary(List<Ran<Setup, Result>> runs) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(2, "What the lesson showed:"));
        List<Row> rows = runs.stream().map(run -> {
            Result r = run.result();
            return new Row(List.of(Span.plain(r.setup().guard().description()), Span.plain(Millis.of(r.worstDelay())),
                    Span.plain(r.ticks() + " of ~" + r.expectedTicks()), Span.plain(Millis.of(r.workersTotal()))),
                    Tone.PLAIN, null);
        }).toList();
        blocks.add(new Table(List.of(new Column("held while sleeping", false, 22),
                new Column("worst delay", true, 14), new Column("heartbeat", true, 14),
                new Column("workers took", true, 14)), rows, true, 2));
        // The lesson's words for each guard's outcome on this JDK (PinningLesson.Guard.why).
        for (Ran<Setup, Result> run : runs) {
            if (run.result().setup().guard() != Guard.NONE) {
                blocks.add(new Para(List.of(Span.plain(run.result().why())), 2, 2));
            }
        }
        if (runs.stream().anyMatch(run -> run.result().stalled())) {
            blocks.add(new Para(List.of(Span.plain("Only the bystander pays. Record it with --jfr to see each"
                    + " jdk.VirtualThreadPinned event and the stack that pinned.")), 2, 2));
        }
        blocks.add(new Ticks("The heartbeat's ticks while the workers held the lock (ms); a stall is a gap",
                runs.stream().map(run -> {
                    Result r = run.result();
                    return new TickSeries(r.setup().guard().description(), r.beats().ticks(), r.beats().fromMs(),
                            r.beats().toMs(), json(r.worstDelay()), r.beats().worstAt(), r.setup().workers(),
                            r.carriers(), r.grade());
                }).toList()));
        return blocks;
    }
}

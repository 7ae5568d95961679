package dev.vtlab.report;

import dev.vtlab.lesson.PinningLesson.Result;
import dev.vtlab.lesson.PinningLesson.Setup;
import dev.vtlab.report.LessonJson.Machine;

import java.io.PrintWriter;
import java.util.List;

import static dev.vtlab.report.LessonJson.millis;

/**
 * The pinning lesson as one JSON document, for scripts: the setup, then per lock kind the heartbeat's worst delay
 * and ticks against the ticks an unhindered heartbeat would make, the workers' total time and the grade; the
 * machine (whose cores are not the carriers: those are the setup's).
 */
public final class PinningJson {

    record Document(String lesson, Parameters setup, Machine machine, List<Trial> trials) {
    }

    /** @param carriers the virtual-thread scheduler's parallelism while the trials ran */
    record Parameters(int workers, double holdMs, double tickMs, int carriers) {
    }

    /**
     * @param lock          synchronized, lock (a ReentrantLock) or none (the control)
     * @param stalled       the worst delay reached half a hold: carriers were pinned, not merely busy
     * @param expectedTicks ticks an unhindered heartbeat would have made while the workers ran
     * @param pins          the lock pins a virtual thread on this JDK (synchronized on 21, a class initializer on 21
     *                      and 25): a stall is then INTERESTING, else FORBIDDEN
     */
    record Trial(String lock, double heartbeatWorstDelayMs, int heartbeatTicks, int expectedTicks,
                 double workersTotalMs, boolean stalled, boolean pins, String grade) {
    }

    private PinningJson() {
    }

    /** @param results at least one, all with the same workers, hold, tick and carriers */
    public static void write(PrintWriter out, List<Result> results) {
        Result first = results.getFirst();
        Setup s = first.setup();
        var parameters = new Parameters(s.workers(), millis(s.hold()), millis(s.tick()), first.carriers());
        List<Trial> trials = results.stream()
                .map(r -> new Trial(r.setup().guard().cliName(), millis(r.worstDelay()), r.ticks(), r.expectedTicks(),
                        millis(r.workersTotal()), r.stalled(), r.pins(), r.grade().name()))
                .toList();
        LessonJson.print(out, new Document("pinning", parameters, Machine.current(), trials));
    }
}

package dev.vtlab.cli;

import dev.vtlab.course.Judgement;
import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Syllabus;
import dev.vtlab.course.Verdict;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import dev.vtlab.report.Page;
import dev.vtlab.testing.ChildVtlab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's exit code, for a CI job that gates on it: 0 when no promise was broken (an inconclusive race
 * included), 3 when a step was FORBIDDEN, 4 when the environment kept a step or a recording from being made, 1 for
 * a step that failed as a bug does. The rule on made-up courses, and 4 once for real.
 */
class CourseExitCodeTest {

    private static final List<Step> STEPS = Syllabus.steps();

    private static Course course(Verdict... verdicts) {
        List<Done> done = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            int exit = verdicts[i] == Verdict.FAILED ? 3 : verdicts[i] == Verdict.ERROR ? 4 : 0;
            done.add(new Done(STEPS.get(i), Knobs.DEFAULTS, null, new Judgement(verdicts[i], "x"), Duration.ZERO,
                    exit, null, null));
        }
        return new Course("./vtlab course", Page.Machine.current(), LocalDateTime.now(), "c", null, null, STEPS, done,
                List.of(), null, Duration.ZERO);
    }

    @Test
    @Timeout(5)
    void zeroWhenNoPromiseWasBrokenThreeForForbiddenFourForTheEnvironment() {
        assertEquals(0, CourseRun.exitCode(course(Verdict.SHOWN, Verdict.INCONCLUSIVE), false));
        assertEquals(3, CourseRun.exitCode(course(Verdict.SHOWN, Verdict.FAILED, Verdict.ERROR), false),
                "a broken promise comes first");
        assertEquals(4, CourseRun.exitCode(course(Verdict.SHOWN, Verdict.ERROR), false));
        assertEquals(4, CourseRun.exitCode(course(Verdict.SHOWN, Verdict.SHOWN), true), "a recording not kept");
        Course bug = course(Verdict.SHOWN);
        Done failed = new Done(STEPS.get(1), Knobs.DEFAULTS, null, new Judgement(Verdict.ERROR, "boom"),
                Duration.ZERO, 1, "boom", null);
        List<Done> done = new ArrayList<>(bug.done());
        done.add(failed);
        assertEquals(1, CourseRun.exitCode(new Course(bug.command(), bug.machine(), bug.started(), bug.folder(),
                null, null, STEPS, done, List.of(), null, Duration.ZERO), false));
    }

    /** A folder in the way of a lesson's recording: the course runs on, says why on stderr, and exits 4. */
    @Test
    @Timeout(120)
    void aRecordingThatCannotBeWrittenIsExitCodeFour(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("c/2-account.jfr"));
        try (var child = ChildVtlab.start(tmp, false, CourseCommandTest.TWO_CARRIERS, "course", "--budget", "5s",
                "--out", "c")) {
            assertEquals(4, child.waitFor(Duration.ofSeconds(90)), child.output());
            assertTrue(child.err().startsWith("course: account: no recording: c/2-account.jfr is a directory"),
                    child.output());
            assertTrue(child.out().contains("8  failure  five ways"), "the course ran on\n" + child.output());
        }
        assertTrue(Files.exists(tmp.resolve("c/3-pinning.jfr")));
    }
}

package dev.vtlab.cli;

import dev.vtlab.course.Budget;
import dev.vtlab.course.Folder;
import dev.vtlab.course.Judgement;
import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Step.Lesson;
import dev.vtlab.course.Syllabus;
import dev.vtlab.course.Verdict;
import dev.vtlab.jfr.Profile;
import dev.vtlab.jfr.Recorder;
import dev.vtlab.jfr.RecordingTarget;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.CourseReport;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import dev.vtlab.report.CourseReport.LessonDone;
import dev.vtlab.report.JsonRenderer;
import dev.vtlab.report.Page;
import dev.vtlab.report.TextRenderer;
import jdk.jfr.FlightRecorder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One course, in this JVM. For each lesson in teaching order: a pause if asked; a Flight Recorder recording around
 * its steps; each step run in-process ({@link InProcessRun}) with the knobs the {@link Budget} allows, judged by
 * its rule ({@link Syllabus}) and printed as a row when it ends; then the recording's {@code vtlab jfr} summary.
 * The folder's files are written again after every step ({@link CourseFiles}); the closing table comes at the end.
 */
final class CourseRun {

    private final Folder folder;
    private final PrintWriter err;
    private final TextRenderer text;
    private final Budget budget;
    private final PauseForEnter pause;
    private final String command;
    private final List<Step> steps = Syllabus.steps();
    private boolean environmentFailed; // a recording or its summary was not kept; the course's thread only

    CourseRun(Folder folder, PrintWriter err, TextRenderer text, Budget budget, PauseForEnter pause, String command) {
        this.folder = folder;
        this.err = err;
        this.text = text;
        this.budget = budget;
        this.pause = pause;
        this.command = command;
    }

    /** Runs the course; returns its exit code. */
    int run(boolean pauseAsked) {
        startFlightRecorder();
        Knobs plan = budget.next(steps);
        var files = new CourseFiles(folder, err, command, LocalDateTime.now(), budget.limit(), budget.estimate(steps),
                steps, budget::elapsed);
        files.open();
        try {
            text.render(CourseReport.opening(files.course(), plan));
            if (pauseAsked) {
                text.render(Para.of(pause.pausing() ? "--pause: the course waits for Enter before each lesson."
                        : "--pause: stdin is not a terminal, so the course does not pause."));
            }
            for (Lesson lesson : Syllabus.LESSONS) {
                budget.paused(pause.before(lesson, text));
                lesson(lesson, files, lesson.number() == 1 ? plan : null);
            }
            Course course = files.finish();
            text.render(CourseReport.closing(course));
            text.render(Para.of("Files in " + folder + "/: " + CourseFiles.INDEX + " (every lesson's page), "
                    + CourseFiles.RESULTS + ", " + CourseFiles.JUNIT + ", each lesson's .jfr and its summary"
                    + " (.jfr.txt), each step's output (.txt)."));
            return exitCode(course, environmentFailed);
        } finally {
            files.close();
        }
    }

    /**
     * One lesson: its recording, its steps, the recording's summary. Its steps share its knobs: {@code planned}, the
     * plan the course announced, for the first lesson; for the others, the budget's plan from the time left.
     */
    private void lesson(Lesson lesson, CourseFiles files, Knobs planned) {
        long start = System.nanoTime();
        Path file = folder.resolve(lesson.file() + ".jfr");
        String note = null;
        Recorder recorder = null;
        try {
            recorder = Recorder.start(Profile.VTLAB.configuration(), RecordingTarget.of(file), listener());
        } catch (FileSystemException e) {
            note = "no recording: " + file + " " + e.getReason();
        } catch (IOException | IllegalStateException e) {
            note = "no recording: " + e.getMessage();
        }
        Duration started = Duration.ofNanos(System.nanoTime() - start);
        List<Step> mine = steps.stream().filter(s -> s.lesson().equals(lesson)).toList();
        Knobs knobs = planned != null ? planned : budget.next(steps.subList(steps.indexOf(mine.getFirst()),
                steps.size()));
        for (Step step : mine) {
            files.starting(step);
            long stepStart = System.nanoTime();
            InProcessRun run = InProcessRun.of(step.args().apply(knobs));
            Done done = judge(step, knobs, run);
            files.stepDone(done, run.out() + (run.err().isEmpty() ? "" : "\n" + run.err()));
            text.render(CourseReport.row(done, step.number() == 1));
            budget.stepDone(step, knobs, Duration.ofNanos(System.nanoTime() - stepStart));
        }
        long closing = System.nanoTime();
        String summary = null;
        String summaryText = null;
        Page summaryPage = null;
        if (recorder != null) {
            try {
                recorder.close();
                InProcessRun jfr = InProcessRun.of(List.of("jfr", file.toString()));
                if (jfr.exitCode() == ExitCode.OK.code()) {
                    summary = lesson.file() + ".jfr.txt";
                    summaryText = jfr.out();
                    summaryPage = jfr.pages().isEmpty() ? null : jfr.pages().getFirst();
                } else {
                    note = "no summary of " + file + ": " + jfr.firstError();
                }
            } catch (IOException e) {
                recorder = null;
                note = "no recording was kept: " + e.getMessage();
            }
        }
        if (note != null) {
            environmentFailed = true;
            err.println("course: " + lesson.name() + ": " + note);
            err.flush();
        }
        files.lessonDone(new LessonDone(lesson, Duration.ofNanos(System.nanoTime() - start),
                recorder == null ? null : file.getFileName().toString(), summary, summaryPage, note), summaryText);
        budget.lessonDone(started.plusNanos(System.nanoTime() - closing));
    }

    /**
     * Flight Recorder starts once per JVM, in 0.5-1.3 s on a busy 2-core machine, with the first recording. Started
     * here, before the budget's first plan, it is time the budget has seen spent rather than a cost it must guess.
     * A JVM without Flight Recorder goes on: each lesson's recording then says why it cannot start.
     */
    private static void startFlightRecorder() {
        try {
            FlightRecorder.getFlightRecorder();
        } catch (IllegalStateException | SecurityException e) {
            // -XX:-FlightRecorder and the like: the lessons' recordings will report it
        }
    }

    /**
     * A step's verdict: its rule's, if it ran to its end (exit code 0, or 3 for FORBIDDEN) and made its page; else
     * an ERROR with its first line on stderr.
     */
    private static Done judge(Step step, Knobs knobs, InProcessRun run) {
        String file = step.file() + ".txt";
        boolean ended = run.exitCode() == ExitCode.OK.code() || run.exitCode() == ExitCode.FORBIDDEN.code();
        if (ended && run.pages().size() == 1) {
            Judgement judgement;
            try {
                judgement = step.rule().judge(JsonRenderer.tree(run.pages().getFirst()));
            } catch (RuntimeException e) { // a document without the fields the rule reads: a vtlab bug
                judgement = new Judgement(Verdict.ERROR, "the rule could not read the step's document: " + e);
            }
            return new Done(step, knobs, run.pages().getFirst(), judgement, run.took(), run.exitCode(), null, file);
        }
        String why = run.firstError() == null ? "exit code " + run.exitCode() : run.firstError();
        return new Done(step, knobs, run.pages().isEmpty() ? null : run.pages().getFirst(),
                new Judgement(Verdict.ERROR, why), run.took(), run.exitCode(), run.firstError(), file);
    }

    private Recorder.Listener listener() {
        return new Recorder.Listener() {
            @Override
            public void saved(Path file) {
                // the closing lines and the index say where every file is
            }

            @Override
            public void notSaved(String why) { // only from the recording's exit hook: the course was stopped
                err.println("course: no recording was kept: " + why);
                err.flush();
            }
        };
    }

    /**
     * 3 if a promise was broken (FORBIDDEN); 1 if a step failed as a bug does; 4 if the environment kept a step, a
     * recording or its summary from running; 0 otherwise, an inconclusive race included (it broke no promise).
     */
    static int exitCode(Course course, boolean environmentFailed) {
        List<Done> done = course.done();
        if (done.stream().anyMatch(d -> d.judgement().verdict() == Verdict.FAILED)) {
            return ExitCode.FORBIDDEN.code();
        }
        List<Done> errors = done.stream().filter(d -> d.judgement().verdict() == Verdict.ERROR).toList();
        if (errors.stream().anyMatch(d -> d.exitCode() != ExitCode.ENVIRONMENT.code())) {
            return ExitCode.SOFTWARE.code();
        }
        return errors.isEmpty() && !environmentFailed ? ExitCode.OK.code() : ExitCode.ENVIRONMENT.code();
    }
}

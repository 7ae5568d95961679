package dev.vtlab.cli;

import dev.vtlab.course.Folder;
import dev.vtlab.course.Step;
import dev.vtlab.report.CourseHtml;
import dev.vtlab.report.CourseReport;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import dev.vtlab.report.CourseReport.LessonDone;
import dev.vtlab.report.JUnitXml;
import dev.vtlab.report.JsonRenderer;
import dev.vtlab.report.Page;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The course's folder as the course fills it: after every step, {@code index.html}, {@code results.json} and
 * {@code junit.xml} are written again, each whole ({@link Folder#write}), so at any moment the folder holds a
 * finished course's files or a consistent part of one. If the JVM exits before the course ends (Ctrl-C, SIGTERM),
 * a shutdown hook writes them once more, saying where the course stopped, and says so on stderr; the step that was
 * running is left out (its lesson's recording is saved by its own hook, {@code jfr/Recorder}).
 *
 * <p>States: {@code OPEN -> CLOSED}, by {@link #finish} (the course ended) or by the hook (it was stopped);
 * whichever comes first writes the last version, and after it nothing is written.
 *
 * <p><b>Memory visibility.</b> Every field the hook reads ({@code done}, {@code lessons}, {@code current},
 * {@code closed}) is written and read under this object's monitor, by the course's thread and the hook.
 */
final class CourseFiles {

    static final String INDEX = "index.html";
    static final String RESULTS = "results.json";
    static final String JUNIT = "junit.xml";

    private final Folder folder;
    private final PrintWriter err;
    private final String command;
    private final Page.Machine machine = Page.Machine.current();
    private final LocalDateTime started;
    private final Duration budget;
    private final Duration estimate;
    private final List<Step> steps;
    private final Supplier<Duration> clock;
    private final Thread hook = new Thread(this::stopped, "vtlab course shutdown hook");

    private final List<Done> done = new ArrayList<>();          // guarded by this
    private final List<LessonDone> lessons = new ArrayList<>(); // guarded by this
    private Step current;                                       // guarded by this; the step running, or null
    private boolean closed;                                     // guarded by this; OPEN (false) -> CLOSED (true)

    /**
     * @param clock the course's time so far (read by the hook too: it must be safe from any thread)
     */
    CourseFiles(Folder folder, PrintWriter err, String command, LocalDateTime started, Duration budget,
                Duration estimate, List<Step> steps, Supplier<Duration> clock) {
        this.folder = folder;
        this.err = err;
        this.command = command;
        this.started = started;
        this.budget = budget;
        this.estimate = estimate;
        this.steps = List.copyOf(steps);
        this.clock = clock;
    }

    /**
     * Starts listening for the JVM's exit. Nothing is written yet: the first step writes the first version, and a
     * course stopped before it ended still gets one, from the hook.
     */
    void open() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized Course course() {
        return course(null);
    }

    synchronized void starting(Step step) {
        current = step;
    }

    /** A step ended: its text output, then the course's three files. */
    synchronized void stepDone(Done step, String text) {
        if (closed) {
            return;
        }
        if (step.file() != null) {
            write(step.file(), text);
        }
        done.add(step);
        current = null;
        write(course(null));
    }

    /** A lesson's recording and its summary are in place. */
    synchronized void lessonDone(LessonDone lesson, String summaryText) {
        if (closed) {
            return;
        }
        if (lesson.summary() != null) {
            write(lesson.summary(), summaryText);
        }
        lessons.add(lesson);
        write(course(null));
    }

    /** The course ended: the last version of its files; returns the course they describe. */
    synchronized Course finish() {
        Course course = course(null);
        if (!closed) {
            closed = true;
            write(course);
        }
        return course;
    }

    /** Stops listening for the JVM's exit; call once the course has finished or failed. */
    void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** The hook: the JVM is exiting before the course ended. */
    private synchronized void stopped() {
        if (closed) {
            return;
        }
        closed = true;
        Step at = current != null ? current : steps.stream().filter(s -> done.stream()
                .noneMatch(d -> d.step().equals(s))).findFirst().orElse(null);
        try {
            write(course(at));
            err.println("course: stopped" + (at == null ? "" : " during step " + at.number() + " of " + steps.size()
                    + " (" + at.lesson().name() + ", " + at.name() + ")") + "; " + done.size()
                    + (done.size() == 1 ? " finished step is" : " finished steps are") + " in " + folder + "/, and "
                    + INDEX + " says where it stopped");
        } catch (EnvironmentException e) {
            err.println("course: stopped, and " + e.getMessage());
        }
        err.flush();
    }

    private Course course(Step stoppedAt) {
        return new Course(command, machine, started, folder.toString(), budget, estimate, steps, done, lessons,
                stoppedAt, clock.get());
    }

    private void write(Course course) {
        write(RESULTS, JsonRenderer.string(CourseReport.page(course)));
        write(JUNIT, JUnitXml.of(course));
        write(INDEX, CourseHtml.of(course));
    }

    private void write(String name, String text) {
        try {
            folder.write(name, text);
        } catch (IOException e) {
            throw new EnvironmentException("--out: cannot write " + folder.resolve(name) + " (" + e.getMessage()
                    + ")", e);
        }
    }
}

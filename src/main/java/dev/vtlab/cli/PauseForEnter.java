package dev.vtlab.cli;

import dev.vtlab.course.Step.Lesson;
import dev.vtlab.report.CourseReport;
import dev.vtlab.report.TextRenderer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code vtlab course --pause}: before each lesson, say which comes next and wait for Enter, so a teacher can talk
 * between them. Only on a terminal: with stdin a file or a pipe nobody is there to press Enter, and a course in a
 * script or a CI job must not hang, so the option is then ignored, and the course says so. End of input (Ctrl-D)
 * ends the pauses; the course runs on.
 *
 * <p>JDK 21's {@code System.console()} is non-null only when stdin and stdout are both a terminal, which is what
 * "interactive" means here. A course relaunched in a child JVM ({@link ChildJvm}) reads the terminal it inherits
 * as stdin, but its stdout is a pipe to the first JVM, so the first JVM tells it ({@link #INTERACTIVE}).
 */
final class PauseForEnter {

    /** Set by the first JVM on a relaunched course: true if that JVM ran on a terminal. */
    static final String INTERACTIVE = "vtlab.course.interactive";

    private final BufferedReader in; // null: not pausing; the course's thread only
    private boolean ended;           // stdin ended: no more pauses

    private PauseForEnter(BufferedReader in) {
        this.in = in;
    }

    /** Pauses when asked and interactive; otherwise never. */
    static PauseForEnter of(boolean asked, boolean interactive, InputStream stdin) {
        return new PauseForEnter(asked && interactive
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)) : null);
    }

    /** Whether this JVM, or the one that relaunched it, runs on a terminal. */
    static boolean interactive() {
        String told = System.getProperty(INTERACTIVE);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    boolean pausing() {
        return in != null;
    }

    /** Says which lesson is next and waits for a line; returns how long it waited (the budget does not count it). */
    Duration before(Lesson lesson, TextRenderer text) {
        if (in == null || ended) {
            return Duration.ZERO;
        }
        text.render(CourseReport.pause(lesson));
        long start = System.nanoTime();
        try {
            if (in.readLine() == null) {
                ended = true;
            }
        } catch (IOException e) {
            throw new EnvironmentException("--pause: cannot read stdin (" + e.getMessage() + ")", e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

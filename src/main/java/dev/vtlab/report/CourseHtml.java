package dev.vtlab.report;

import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Step.Lesson;
import dev.vtlab.course.Verdict;
import dev.vtlab.report.CourseReport.Course;
import dev.vtlab.report.CourseReport.Done;
import dev.vtlab.report.CourseReport.LessonDone;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The course's {@code index.html}, a handout: one self-contained page (the {@link HtmlRenderer}'s promise: inline
 * style and SVG, nothing fetched, no script) with where the course ran, what it showed, a table of contents, and
 * per lesson the commands that repeat its steps, each step's own page with its pictures, and the summary of the
 * lesson's recording. A course that was stopped says where, at the top; its steps that did not run are listed as
 * not run. Lays out what {@link CourseReport} holds; computes nothing.
 */
public final class CourseHtml {

    private CourseHtml() {
    }

    public static String of(Course c) {
        var buffer = new StringWriter();
        var out = new PrintWriter(buffer);
        HtmlRenderer html = HtmlRenderer.on(out);
        html.open("vtlab course: every lesson in teaching order");
        header(out, c);
        out.print("<main>\n");
        contents(out, c);
        out.print("<section id=\"summary\">\n");
        html.blocks(CourseReport.closing(c));
        out.print("</section>\n");
        for (Lesson lesson : lessons(c)) {
            lesson(out, html, c, lesson);
        }
        out.print("</main>\n");
        html.close();
        return buffer.toString();
    }

    private static void header(PrintWriter out, Course c) {
        out.print("<header>\n<p class=\"lesson\">vtlab course</p>\n");
        out.print("<h1>Every lesson in teaching order</h1>\n");
        if (c.stoppedAt() != null) {
            Step at = c.stoppedAt();
            out.print("<p class=\"interrupted\" role=\"status\" id=\"stopped\"><strong>Stopped.</strong> Ctrl-C or"
                    + " SIGTERM stopped the course during step " + at.number() + " of " + c.steps().size() + " ("
                    + Html.text(at.lesson().name() + ", " + at.name()) + "): the steps shown are those that"
                    + " finished.</p>\n");
        }
        Page.Machine m = c.machine();
        out.print("<dl class=\"run\">\n");
        out.print("<dt>Repeat the course</dt><dd><code>" + Html.text(c.command()) + "</code></dd>\n");
        out.print("<dt>Ran on</dt><dd>JDK " + Html.text(m.jdk())
                + (m.vendor() == null || m.vendor().isEmpty() ? "" : " (" + Html.text(m.vendor()) + ")") + ", "
                + m.cores() + (m.cores() == 1 ? " core" : " cores") + ", " + Html.text(System.getProperty("os.name")
                + " " + System.getProperty("os.arch")) + "</dd>\n");
        out.print("<dt>Started</dt><dd>" + Html.text(c.started().withNano(0).toString().replace('T', ' '))
                + ", took " + Html.text(CourseReport.seconds(c.took()))
                + (c.budget() == null ? "" : " (budget " + Html.text(CourseReport.seconds(c.budget())) + ")")
                + "</dd>\n");
        out.print("<dt>Verdict</dt><dd>" + Html.text(CourseReport.overall(c)) + "</dd>\n");
        out.print("</dl>\n</header>\n");
    }

    /** The table of contents: each lesson, and under it each step with its verdict. */
    private static void contents(PrintWriter out, Course c) {
        out.print("<nav id=\"contents\" aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">Contents"
                + "</h2>\n<ol>\n<li><a href=\"#summary\">What the course showed</a></li>\n");
        for (Lesson lesson : lessons(c)) {
            out.print("<li><a href=\"#lesson-" + lesson.number() + "\">Lesson " + lesson.number() + ", "
                    + Html.text(lesson.name()) + "</a>: " + Html.text(lesson.point()) + "\n<ol>\n");
            for (Step step : steps(c, lesson)) {
                Done d = done(c, step);
                out.print("<li>" + (d == null ? Html.text(step.name()) + " <span class=\"dim\">(not run)</span>"
                        : "<a href=\"#step-" + step.number() + "\">" + Html.text(step.name()) + "</a> "
                        + verdict(d.judgement().verdict())) + "</li>\n");
            }
            out.print("</ol></li>\n");
        }
        out.print("</ol>\n</nav>\n");
    }

    private static void lesson(PrintWriter out, HtmlRenderer html, Course c, Lesson lesson) {
        out.print("<section class=\"course-lesson\" id=\"lesson-" + lesson.number() + "\">\n");
        out.print("<h2>Lesson " + lesson.number() + ", " + Html.text(lesson.name()) + ": "
                + Html.text(lesson.point()) + "</h2>\n");
        out.print("<p>Repeat its steps:</p>\n<div class=\"scroll\"><table class=\"commands\">\n<thead><tr>"
                + "<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">step</th><th scope=\"col\">command</th>"
                + "<th scope=\"col\">verdict</th></tr></thead>\n<tbody>\n");
        for (Step step : steps(c, lesson)) {
            Done d = done(c, step);
            out.print("<tr><td class=\"num\">" + step.number() + "</td><td>" + Html.text(step.name())
                    + "</td><td><code>" + Html.text(d == null ? step.command(Knobs.DEFAULTS)
                    : d.command()) + "</code></td><td>" + (d == null ? "not run"
                    : verdict(d.judgement().verdict()) + " " + Html.text(d.judgement().showed())) + "</td></tr>\n");
        }
        out.print("</tbody></table></div>\n");
        for (Step step : steps(c, lesson)) {
            Done d = done(c, step);
            if (d == null) {
                continue;
            }
            out.print("<h3 id=\"step-" + step.number() + "\">Step " + step.number() + ", " + Html.text(step.name())
                    + ": " + verdict(d.judgement().verdict()) + " " + Html.text(d.judgement().showed()) + "</h3>\n");
            if (d.page() != null) {
                html.section("step-" + step.number() + "-page", d.page());
            } else {
                out.print("<p class=\"bad\">No page: " + Html.text(d.error() == null ? "exit code " + d.exitCode()
                        : d.error()) + "</p>\n");
            }
        }
        LessonDone done = c.lessons().stream().filter(l -> l.lesson().equals(lesson)).findFirst().orElse(null);
        if (done != null) {
            recording(out, html, lesson, done);
        }
        out.print("</section>\n");
    }

    /** The lesson's recording: its file, and its {@code vtlab jfr} summary folded under a line. */
    private static void recording(PrintWriter out, HtmlRenderer html, Lesson lesson, LessonDone done) {
        if (done.recording() == null) {
            out.print("<p class=\"warn\">No recording: " + Html.text(done.note()) + "</p>\n");
            return;
        }
        out.print("<details class=\"recording\" id=\"recording-" + lesson.number() + "\"><summary>The lesson's"
                + " Flight Recorder recording, <code>" + Html.text(done.recording()) + "</code>: its summary ("
                + "<code>./vtlab jfr " + Html.text(done.recording()) + "</code>)</summary>\n");
        if (done.summaryPage() != null) {
            html.section("recording-" + lesson.number() + "-page", done.summaryPage());
        } else {
            out.print("<p class=\"warn\">" + Html.text(done.note() == null ? "no summary" : done.note()) + "</p>\n");
        }
        out.print("</details>\n");
    }

    private static String verdict(Verdict v) {
        String cls = switch (v) {
            case SHOWN -> "good";
            case INCONCLUSIVE, NOT_RUN -> "warn";
            case FAILED, ERROR -> "bad";
        };
        return "<span class=\"" + cls + "\">" + Html.text(v.word()) + "</span>";
    }

    private static List<Lesson> lessons(Course c) {
        return c.steps().stream().map(Step::lesson).distinct().toList();
    }

    private static List<Step> steps(Course c, Lesson lesson) {
        return c.steps().stream().filter(s -> s.lesson().equals(lesson)).toList();
    }

    private static Done done(Course c, Step step) {
        return c.done().stream().filter(d -> d.step().equals(step)).findFirst().orElse(null);
    }
}

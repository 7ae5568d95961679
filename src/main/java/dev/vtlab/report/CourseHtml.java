package dev.vtlab.report;

import dev.vtlab.report.CourseReport.Course;

/** The course's {@code index.html}. (Until the HTML renderer is merged: each page's text, in order.) */
public final class CourseHtml {

    private CourseHtml() {
    }

    public static String of(Course c) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>vtlab course</title>\n</head>\n<body>\n<h1>vtlab course</h1>\n");
        for (CourseReport.Done d : c.done()) {
            html.append("<h2 id=\"step-").append(d.step().number()).append("\">").append(escape(d.command()))
                    .append("</h2>\n");
            if (d.page() != null) {
                html.append("<pre>").append(escape(String.join("\n", TextRenderer.lines(d.page().blocks()))))
                        .append("</pre>\n");
            }
        }
        html.append("<pre>").append(escape(String.join("\n", TextRenderer.lines(CourseReport.closing(c)))))
                .append("</pre>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

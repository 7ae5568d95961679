package dev.vtlab.report;

import dev.vtlab.lesson.Grade;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Blank;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Gantt;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Lanes;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Story;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Ticks;
import dev.vtlab.report.Block.Tone;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Page} as one self-contained HTML document: inline CSS and SVG, no script, no font, image or link
 * to fetch, and a Content-Security-Policy that forbids fetching anything, so that a page opened from a mail or a
 * CI artefact makes no request. The head of the page says how to repeat the run, where it ran and its grade; then
 * the blocks follow in order. It lays out any list of blocks: a new lesson needs no change here.
 *
 * <p>Pictures ({@link Bars}, {@link Lanes}, {@link Ticks}, {@link Gantt}) are drawn by their own figure classes as
 * SVG that scales to the width of the page, each with a title and a description for screen readers, and its
 * figures as a table in a {@code <details>} under it. Colours follow jcstress (EXPECTED green, INTERESTING amber,
 * FORBIDDEN red), and every grade also has its word and a shape, so print in grey loses nothing. Every string from
 * the page passes through {@link Html}.
 */
public final class HtmlRenderer {

    private static final String CSS = resource("page.css");

    private final PrintWriter out;
    private int figures; // numbers the pictures of one page, for their ids; one thread renders a page

    private HtmlRenderer(PrintWriter out) {
        this.out = out;
    }

    /** Writes {@code page} to {@code out} as an HTML document, then flushes. */
    public static void write(PrintWriter out, Page page) {
        new HtmlRenderer(out).page(page);
        out.flush();
    }

    private void page(Page page) {
        open("vtlab " + page.lesson() + ": " + page.title());
        header(page);
        out.print("<main>\n");
        blocks(page.blocks());
        out.print("</main>\n");
        close();
    }

    /**
     * A renderer for a document made of several pages (vtlab course's index, {@link CourseHtml}): the caller writes
     * {@link #open}, then its own parts, {@link #section}s and {@link #blocks}, then {@link #close}. One renderer
     * numbers the pictures of every part, so their ids stay unique in the document.
     */
    static HtmlRenderer on(PrintWriter out) {
        return new HtmlRenderer(out);
    }

    /** The document's head, its one stylesheet included, and the opening of its body. */
    void open(String title) {
        out.print("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // The page's promise, enforced by the browser: it fetches nothing and runs no script, wherever it is opened.
        out.print("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\">\n");
        out.print("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.print("<meta name=\"generator\" content=\"vtlab\">\n");
        out.print("<title>" + Html.text(title) + "</title>\n");
        out.print("<style>\n" + CSS + "</style>\n</head>\n<body>\n");
    }

    /** The footer and the end of the document. */
    void close() {
        out.print("<footer>Written by vtlab. This page is self-contained: it loads nothing and runs no"
                + " script. Each picture's figures are in a table under it.</footer>\n</body>\n</html>\n");
        out.flush();
    }

    /** One page as a section of a larger document: its header (how to repeat it, where it ran) and its blocks. */
    void section(String id, Page page) {
        out.print("<section class=\"page\" id=\"" + Html.attr(id) + "\">\n");
        header(page);
        blocks(page.blocks());
        out.print("</section>\n");
    }

    private void header(Page page) {
        out.print("<header>\n<p class=\"lesson\">vtlab " + Html.text(page.lesson()) + "</p>\n");
        out.print("<h1>" + Html.text(page.title()) + "</h1>\n");
        if (page.interrupted()) {
            out.print("<p class=\"interrupted\" role=\"status\"><strong>Interrupted.</strong> Ctrl-C or SIGTERM"
                    + " stopped the run: the runs shown are those that finished.</p>\n");
        }
        out.print("<dl class=\"run\">\n");
        if (page.command() != null) {
            out.print("<dt>Repeat the run</dt><dd><code>" + Html.text(page.command()) + "</code></dd>\n");
        }
        Page.Machine m = page.machine();
        if (m != null) {
            out.print("<dt>Ran on</dt><dd>JDK " + Html.text(m.jdk())
                    + (m.vendor() == null || m.vendor().isEmpty() ? "" : " (" + Html.text(m.vendor()) + ")")
                    + ", " + m.cores() + (m.cores() == 1 ? " core" : " cores") + "</dd>\n");
        }
        if (page.grade() != null) {
            out.print("<dt>Grade</dt><dd>" + grade(page.grade())
                    + " <span class=\"dim\">(the worst of the runs)</span></dd>\n");
        }
        out.print("</dl>\n</header>\n");
    }

    private static String grade(String name) {
        for (Grade g : Grade.values()) {
            if (g.name().equals(name)) {
                return "<span class=\"grade g-" + Svg.gradeClass(g) + "\">" + g.name() + "</span>";
            }
        }
        return "<strong>" + Html.text(name) + "</strong>";
    }

    void blocks(List<Block> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            switch (blocks.get(i)) {
                case Heading h -> heading(h);
                case Para p -> para(p);
                case Blank b -> {
                    // paragraphs, tables and figures have their own margins: an empty line adds nothing
                }
                case Table t -> {
                    List<Table> joined = new ArrayList<>(List.of(t));
                    while (i + 1 < blocks.size() && blocks.get(i + 1) instanceof Table next
                            && next.columns().equals(t.columns())) {
                        joined.add(next);
                        i++;
                    }
                    table(joined);
                }
                case Bars b -> figure(BarsFigure.draw(b, nextId()));
                case Lanes l -> figure(LanesFigure.draw(l, nextId()));
                case Ticks t -> figure(TicksFigure.draw(t, nextId()));
                case Gantt g -> figure(GanttFigure.draw(g, nextId()));
                case Story s -> story(s);
            }
        }
    }

    private String nextId() {
        return "fig" + ++figures;
    }

    private void heading(Heading h) {
        String tag = switch (h.level()) {
            case 1 -> "h2";
            case 2 -> "h3";
            default -> "h4";
        };
        // the text's marks (== counter ==, bench's Markdown ## scope) are a terminal's way of making a heading; a page
        // has its own
        String text = h.text().strip().replaceAll("^(=+|#+)\\s*|\\s*=+$", "");
        out.print("<" + tag + ">" + Html.text(text) + "</" + tag + ">\n");
    }

    /**
     * A paragraph; one whose spans are in a grade's tone is a verdict, framed in its (worst) grade. If no such span
     * says its grade's word ("Race shown: ..." in INTERESTING's tone), the word leads the paragraph, so the grade is
     * never colour alone.
     */
    private void para(Para p) {
        Grade verdict = p.spans().stream().map(s -> gradeOf(s.tone())).filter(g -> g != null)
                .max(Enum::compareTo).orElse(null);
        boolean tagged = verdict != null && p.spans().stream()
                .noneMatch(s -> gradeOf(s.tone()) != null && s.text().contains(gradeOf(s.tone()).name()));
        List<String> classes = new ArrayList<>();
        String style = null;
        if (verdict != null) {
            classes.add("verdict g-" + Svg.gradeClass(verdict) + (tagged ? " tagged" : ""));
        }
        if (p.indent() > 0 || p.hang() > 0) {
            classes.add("note");
            int left = Math.max(p.indent(), p.hang());
            style = "padding-left:" + left + "ch" + (p.hang() > p.indent() ? ";text-indent:"
                    + (p.indent() - p.hang()) + "ch" : "");
        }
        out.print("<p" + (classes.isEmpty() ? "" : " class=\"" + String.join(" ", classes) + "\"")
                + (style == null ? "" : " style=\"" + style + "\"") + ">");
        if (tagged) {
            out.print("<span class=\"grade tag g-" + Svg.gradeClass(verdict) + "\">" + verdict.name() + "</span> ");
        }
        spans(p.spans());
        out.print("</p>\n");
    }

    private void spans(List<Span> spans) {
        for (Span s : spans) {
            String text = Html.text(s.text());
            out.print(switch (s.tone()) {
                case PLAIN -> text;
                case BOLD -> "<strong>" + text + "</strong>";
                case DIM, GOOD, BAD, WARN -> "<span class=\"" + toneClass(s.tone()) + "\">" + text + "</span>";
                case TASK -> "<span class=\"task " + taskClass(s.text()) + "\">" + text + "</span>";
                case EXPECTED, INTERESTING, FORBIDDEN -> "<span class=\"grade " + toneClass(s.tone()) + "\">" + text
                        + "</span>";
            });
        }
    }

    /** Neighbouring tables of the same columns as one: rows that arrived one by one read as one table. */
    private void table(List<Table> parts) {
        Table first = parts.getFirst();
        List<Column> columns = first.columns();
        if (parts.stream().allMatch(t -> t.rows().isEmpty() && !t.heading())) {
            return; // an empty box says nothing
        }
        out.print("<div class=\"scroll\"" + (first.indent() > 0 ? " style=\"margin-left:" + first.indent() + "ch\""
                : "") + "><table>\n");
        if (parts.stream().anyMatch(Table::heading)) {
            out.print("<thead><tr>");
            for (Column c : columns) {
                out.print("<th scope=\"col\"" + (c.right() ? " class=\"num\"" : "") + ">" + Html.text(c.title())
                        + "</th>");
            }
            out.print("</tr></thead>\n");
        }
        out.print("<tbody>\n");
        for (Table part : parts) {
            for (Row row : part.rows()) {
                row(row, columns);
            }
        }
        out.print("</tbody></table></div>\n");
    }

    /**
     * A row; its {@code under} text goes under the last column when that column is text (the failure lesson's
     * siblings under what the caller saw), else on a line of its own across the table (a recording's run under
     * its duration), as the text renderer does when it would not fit under its column.
     */
    private void row(Row row, List<Column> columns) {
        int n = Math.max(columns.size(), row.cells().size());
        boolean underInCell = row.under() != null && n > 0 && n <= columns.size() && !columns.get(n - 1).right();
        boolean underRow = row.under() != null && !underInCell;
        String cls = (toneClass(row.tone()) + (underRow ? " has-under" : "")).strip();
        out.print("<tr" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + ">");
        for (int i = 0; i < n; i++) {
            boolean right = i < columns.size() && columns.get(i).right();
            boolean last = i == n - 1;
            out.print("<td" + (right ? " class=\"num\"" : "") + ">");
            if (i < row.cells().size()) {
                spans(List.of(row.cells().get(i)));
            }
            if (last && underInCell) {
                out.print("<div class=\"under\">" + Html.text(row.under()) + "</div>");
            }
            out.print("</td>");
        }
        out.print("</tr>\n");
        if (underRow) {
            out.print("<tr class=\"under-row\"><td colspan=\"" + Math.max(n, 1) + "\"><div class=\"under\">"
                    + Html.text(row.under()) + "</div></td></tr>\n");
        }
    }

    private void figure(Figure f) {
        out.print("<figure>\n<figcaption>" + Html.text(f.caption()) + "</figcaption>\n");
        out.print(f.svg());
        out.print("\n<details><summary>The figures of this picture, as a table</summary>\n");
        table(List.of(f.figures()));
        out.print("</details>\n</figure>\n");
    }

    private void story(Story s) {
        if (s.lines().isEmpty()) {
            return;
        }
        out.print("<pre class=\"story\">");
        out.print(Html.text(String.join("\n", s.lines())));
        out.print("</pre>\n");
    }

    private static Grade gradeOf(Tone tone) {
        return switch (tone) {
            case EXPECTED -> Grade.EXPECTED;
            case INTERESTING -> Grade.INTERESTING;
            case FORBIDDEN -> Grade.FORBIDDEN;
            case PLAIN, DIM, BOLD, GOOD, BAD, WARN, TASK -> null;
        };
    }

    private static String toneClass(Tone tone) {
        return switch (tone) {
            case PLAIN -> "";
            case DIM -> "dim";
            case BOLD -> "bold";
            case GOOD -> "good";
            case BAD -> "bad";
            case WARN -> "warn";
            case EXPECTED, INTERESTING, FORBIDDEN -> "g-" + Svg.gradeClass(gradeOf(tone));
            case TASK -> "task";
        };
    }

    /** A task's own colour, picked from its name as the terminal picks it (Style.task), so both agree. */
    private static String taskClass(String name) {
        return "task-" + Math.floorMod(name.hashCode(), 4);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the page's stylesheet " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

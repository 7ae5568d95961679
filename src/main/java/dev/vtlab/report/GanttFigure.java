package dev.vtlab.report;

import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Gantt;
import dev.vtlab.report.Block.GanttRow;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Segment;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The failure lesson's ways as rows of subtask bars on one time axis: a bar per subtask from its start to its end,
 * ending in its fate (completed: solid blue with an end stroke; failed: dark red with a cross; cancelled: grey
 * stripes with a slashed circle; not started: a dashed outline), and a dashed line with a head where the caller got
 * control back, labelled with what the caller saw. Fates have shapes as well as colours, so print in grey keeps
 * them apart.
 */
final class GanttFigure {

    private static final double LEGEND = 26;
    private static final double SUBROW = 17;
    private static final double HEAD = 22;

    private GanttFigure() {
    }

    /** How a subtask ended, read from the view's word for it. */
    private enum Fate {
        COMPLETED, FAILED, CANCELLED, NOT_STARTED;

        static Fate of(String fate) {
            String f = fate == null ? "" : fate.toLowerCase(Locale.ROOT);
            if (f.contains("not")) {
                return NOT_STARTED;
            } else if (f.startsWith("cancel")) {
                return CANCELLED;
            } else if (f.startsWith("fail")) {
                return FAILED;
            }
            return COMPLETED;
        }
    }

    static Figure draw(Gantt gantt, String id) {
        List<GanttRow> rows = gantt.rows();
        double gutter = clamp(rows.stream().mapToDouble(r -> Svg.width(r.label(), 12.5)).max().orElse(40) + 18,
                Svg.width("INTERESTING", 12) + 34, 230);
        double end = rows.stream().mapToDouble(r -> Math.max(r.callerMs(),
                r.segments().stream().mapToDouble(s -> Math.max(s.toMs(), s.fromMs())).max().orElse(0)))
                .max().orElse(1);
        Axis axis = Axis.over(0, Math.max(end, 1e-3), gutter, Svg.WIDTH - 16);

        Svg svg = new Svg(id);
        legend(svg);
        double y = LEGEND + 4;
        List<Double> tops = new ArrayList<>();
        for (GanttRow row : rows) {
            tops.add(y);
            y += height(row);
        }
        double bottom = y;
        axis.draw(svg, LEGEND + 4, bottom, 1, "ms");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                svg.add("line", "x1", 0, "x2", Svg.WIDTH, "y1", tops.get(i), "y2", tops.get(i), "class", "sep");
            }
            row(svg, rows.get(i), axis, gutter, tops.get(i));
        }
        return new Figure(gantt.caption(), svg.toString(bottom + 22, gantt.caption(), description(gantt)),
                figures(gantt));
    }

    private static double height(GanttRow row) {
        return HEAD + Math.max(row.segments().size(), 2) * SUBROW + 8;
    }

    private static void row(Svg svg, GanttRow row, Axis axis, double gutter, double top) {
        svg.open("g");
        double barsTop = top + HEAD;
        svg.text(gutter - 12, barsTop + 12, "label end", Svg.fit(row.label(), gutter - 16, 12.5));
        svg.gradeLabelEnd(row.grade(), gutter - 12, barsTop + 12 + SUBROW);
        for (int i = 0; i < row.segments().size(); i++) {
            segment(svg, row.segments().get(i), axis, barsTop + i * SUBROW);
        }
        double x = axis.x(row.callerMs());
        double lineBottom = top + height(row) - 4;
        String saw = "caller got control at " + LanesFigure.ms(row.callerMs()) + " ms"
                + (row.caller() == null || row.caller().isEmpty() ? "" : ": " + row.caller());
        svg.open("g").tooltip(saw)
                .add("line", "x1", x, "x2", x, "y1", top + 16, "y2", lineBottom, "class", "caller")
                .add("path", "d", "M" + Svg.num(x - 5) + " " + Svg.num(top + 13) + "H" + Svg.num(x + 5) + "L"
                        + Svg.num(x) + " " + Svg.num(top + 20) + "Z", "class", "caller-head")
                .close("g");
        // above the head: after the line if it fits, else ending at it, else slid left until it fits (the head
        // marks the moment; the words need not)
        String text = Svg.fit(saw, Svg.WIDTH - 4, 10.5);
        double w = Svg.width(text, 10.5);
        double at = x + 6 + w <= Svg.WIDTH - 2 ? x + 6 : x - 6 - w >= 2 ? x - 6 - w : Math.max(2, Svg.WIDTH - 2 - w);
        svg.text(at, top + 11, "small label", text);
        svg.close("g");
    }

    private static void segment(Svg svg, Segment s, Axis axis, double y) {
        Fate fate = Fate.of(s.fate());
        double x = axis.x(s.fromMs());
        double w = fate == Fate.NOT_STARTED ? 10 : Math.max(axis.width(s.fromMs(), s.toMs()), 2);
        double barY = y + 2;
        double h = 12;
        String tip = s.task() + ": " + s.fate() + (fate == Fate.NOT_STARTED ? "" : ", from "
                + LanesFigure.ms(s.fromMs()) + " to " + LanesFigure.ms(s.toMs()) + " ms");
        svg.open("rect", "x", x, "y", barY, "width", w, "height", h,
                "class", switch (fate) {
                    case COMPLETED -> "completed";
                    case FAILED -> "failed";
                    case CANCELLED -> null;
                    case NOT_STARTED -> "notstarted";
                }, "style", fate == Fate.CANCELLED ? "fill:" + svg.cancelledFill() : null).tooltip(tip).close("rect");
        double e = x + w;
        double cy = barY + h / 2;
        double markEnd = switch (fate) {
            case COMPLETED -> {
                svg.add("line", "x1", e, "x2", e, "y1", barY - 2, "y2", barY + h + 2, "class", "fate-mark");
                yield e + 2;
            }
            case FAILED -> {
                svg.open("g", "class", "fate-mark")
                        .add("line", "x1", e + 3, "x2", e + 11, "y1", cy - 4, "y2", cy + 4)
                        .add("line", "x1", e + 3, "x2", e + 11, "y1", cy + 4, "y2", cy - 4).close("g");
                yield e + 12;
            }
            case CANCELLED -> {
                svg.open("g", "class", "fate-mark")
                        .add("circle", "cx", e + 8, "cy", cy, "r", 5)
                        .add("line", "x1", e + 4.5, "x2", e + 11.5, "y1", cy + 3.5, "y2", cy - 3.5).close("g");
                yield e + 14;
            }
            case NOT_STARTED -> e;
        };
        // the label after the fate's mark, else before the bar, else inside a solid bar in white, else cut
        String label = s.task() + " \u00b7 " + s.fate();
        double lw = Svg.width(label, 10.5);
        boolean solid = fate == Fate.COMPLETED || fate == Fate.FAILED;
        if (markEnd + 5 + lw <= Svg.WIDTH - 2) {
            svg.text(markEnd + 5, barY + 10, "small", label);
        } else if (x - 5 - lw >= axis.x0()) {
            svg.text(x - 5, barY + 10, "small end", label);
        } else if (solid && w >= lw + 10) {
            svg.text(e - 6, barY + 10, "small end on-bar", label);
        } else {
            svg.text(Svg.WIDTH - 2, barY + 10, "small end label", Svg.fit(label, Svg.WIDTH - markEnd - 7, 10.5));
        }
    }

    private static void legend(Svg svg) {
        double y = 14;
        double x = 4;
        svg.add("rect", "x", x, "y", y - 10, "width", 22, "height", 11, "class", "completed");
        svg.add("line", "x1", x + 22, "x2", x + 22, "y1", y - 12, "y2", y + 3, "class", "fate-mark");
        x = word(svg, x + 28, y, "completed");
        svg.add("rect", "x", x, "y", y - 10, "width", 22, "height", 11, "class", "failed");
        svg.add("path", "d", "M" + Svg.num(x + 25) + " " + (y - 8) + "l8 8m0 -8l-8 8", "class", "fate-mark");
        x = word(svg, x + 38, y, "failed");
        svg.add("rect", "x", x, "y", y - 10, "width", 22, "height", 11, "style", "fill:" + svg.cancelledFill());
        svg.add("circle", "cx", x + 30, "cy", y - 4.5, "r", 5, "class", "fate-mark");
        x = word(svg, x + 40, y, "cancelled");
        svg.add("rect", "x", x, "y", y - 10, "width", 10, "height", 11, "class", "notstarted");
        x = word(svg, x + 15, y, "not started");
        svg.add("line", "x1", x + 4, "x2", x + 4, "y1", y - 10, "y2", y + 3, "class", "caller");
        word(svg, x + 12, y, "the caller got control back");
    }

    private static double word(Svg svg, double x, double y, String text) {
        svg.text(x, y, "small", text);
        return x + Svg.width(text, 10.5) + 12;
    }

    private static String description(Gantt gantt) {
        List<String> parts = new ArrayList<>();
        for (GanttRow r : gantt.rows()) {
            parts.add(r.label() + ": " + subtasks(r) + "; the caller got control at " + LanesFigure.ms(r.callerMs())
                    + " ms" + (r.caller() == null || r.caller().isEmpty() ? "" : " (" + r.caller() + ")") + "; "
                    + r.grade());
        }
        return "Subtask bars on a time axis, one group per way, each bar ending in its fate. "
                + String.join(". ", parts) + ".";
    }

    private static String subtasks(GanttRow r) {
        return r.segments().stream().map(s -> s.task() + " " + s.fate() + (Fate.of(s.fate()) == Fate.NOT_STARTED
                ? "" : " " + LanesFigure.ms(s.fromMs()) + " to " + LanesFigure.ms(s.toMs()) + " ms"))
                .collect(Collectors.joining(", "));
    }

    /** One row per way, its subtasks on a line under it: the picture's text alternative. */
    static Table figures(Gantt gantt) {
        List<Row> rows = gantt.rows().stream().map(r -> new Row(List.of(Span.plain(r.label()),
                Span.plain(r.grade().name()), Span.plain(LanesFigure.ms(r.callerMs())),
                Span.plain(r.caller() == null ? "" : r.caller())), Tone.of(r.grade()), subtasks(r))).toList();
        return new Table(List.of(Column.left("way"), Column.left("grade"), Column.right("caller at ms"),
                Column.left("the caller saw; its subtasks under it")), rows, true, 0);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

package dev.vtlab.report;

import dev.vtlab.lesson.Grade;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.TickSeries;
import dev.vtlab.report.Block.Ticks;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.List;

/**
 * A heartbeat's ticks, one row per lock kind, on one time axis so that the rows compare: each tick is a stroke,
 * the workers' window is shaded, and the longest gap is a box in the row's grade colour and pattern, so a stall
 * shows as a hole in the ticks. Under each row, the workers and the carriers they ran on are drawn as bars of one
 * block each; when the grade says every carrier was pinned, the carriers' blocks wear the grade's pattern.
 */
final class TicksFigure {

    private static final double LEGEND = 26;
    private static final double ROW = 70;
    private static final double UNIT = 11;

    private TicksFigure() {
    }

    static Figure draw(Ticks ticks, String id) {
        List<TickSeries> series = ticks.series();
        double gutter = clamp(series.stream().mapToDouble(s -> Svg.width(s.label(), 12.5)).max().orElse(40) + 18,
                Svg.width("INTERESTING", 12) + 34, 220);
        double end = series.stream().mapToDouble(s -> Math.max(s.toMs(),
                s.ticks().stream().mapToDouble(Double::doubleValue).max().orElse(0))).max().orElse(1);
        Axis axis = Axis.over(0, Math.max(end, 1), gutter, Svg.WIDTH - 14);

        Svg svg = new Svg(id);
        legend(svg, 4);
        double bottom = LEGEND + series.size() * ROW;
        axis.draw(svg, LEGEND, bottom, 1, "ms");
        double y = LEGEND;
        for (int i = 0; i < series.size(); i++) {
            if (i > 0) {
                svg.add("line", "x1", 0, "x2", Svg.WIDTH, "y1", y, "y2", y, "class", "sep");
            }
            row(svg, series.get(i), axis, gutter, y);
            y += ROW;
        }
        return new Figure(ticks.caption(), svg.toString(bottom + 22, ticks.caption(), description(ticks)),
                figures(ticks));
    }

    private static void row(Svg svg, TickSeries s, Axis axis, double gutter, double y) {
        double bandTop = y + 18;
        double bandBottom = y + 42;
        svg.text(gutter - 12, bandTop + 10, "label end", Svg.fit(s.label(), gutter - 16, 12.5));
        svg.gradeLabelEnd(s.grade(), gutter - 12, bandTop + 26);
        svg.open("rect", "x", axis.x(s.fromMs()), "y", bandTop, "width", Math.max(axis.width(s.fromMs(), s.toMs()), 1),
                        "height", bandBottom - bandTop, "class", "window")
                .tooltip("the workers ran from " + LanesFigure.ms(s.fromMs()) + " to " + LanesFigure.ms(s.toMs())
                        + " ms")
                .close("rect");

        double gapFrom = s.worstAtMs();
        double gapTo = s.ticks().stream().mapToDouble(Double::doubleValue).filter(t -> t > gapFrom + 1e-9)
                .min().orElse(gapFrom + s.worstMs());
        String gap = "longest gap: " + LanesFigure.ms(s.worstMs()) + " ms late, from " + LanesFigure.ms(gapFrom)
                + " to " + LanesFigure.ms(gapTo) + " ms";
        svg.gradeRect(s.grade(), axis.x(gapFrom), bandTop, Math.max(axis.width(gapFrom, gapTo), 2),
                bandBottom - bandTop, gap);
        double mid = (axis.x(gapFrom) + axis.x(gapTo)) / 2;
        String words = (s.grade() == Grade.EXPECTED ? "worst delay " : "stalled: ") + LanesFigure.ms(s.worstMs())
                + " ms";
        double half = Svg.width(words, 10.5) / 2;
        double at = Math.max(axis.x0() + half, Math.min(axis.x1() - half, mid));
        svg.text(at, bandTop - 5, "small label mid", words);

        StringBuilder path = new StringBuilder();
        for (double t : s.ticks()) {
            path.append('M').append(Svg.num(axis.x(t))).append(' ').append(Svg.num(bandTop + 4))
                    .append('V').append(Svg.num(bandBottom - 4));
        }
        if (!path.isEmpty()) {
            svg.open("path", "d", path.toString(), "class", "tick")
                    .tooltip(s.ticks().size() + " heartbeat ticks").close("path");
        }

        double unitsY = bandBottom + 6;
        double x = axis.x0();
        x = units(svg, x, unitsY, s.workers(), "unit unit-worker", null);
        x = word(svg, x + 4, unitsY + 9, s.workers() + (s.workers() == 1 ? " worker" : " workers")
                + ", holding the lock in turn");
        // the carriers in a column of their own, half-way along, so the rows' carriers line up
        double carriersX = Math.max(x + 12, (axis.x0() + axis.x1()) / 2);
        x = units(svg, carriersX, unitsY, s.carriers(), "unit fill-" + Svg.gradeClass(s.grade()),
                svg.gradeFill(s.grade()));
        word(svg, x + 4, unitsY + 9, s.carriers() + (s.carriers() == 1 ? " carrier" : " carriers")
                + (s.grade() == Grade.INTERESTING ? ", all pinned" : s.grade() == Grade.EXPECTED ? ", free" : ""));
    }

    /** {@code n} blocks in a row, a bar whose length counts; returns where it ends. */
    private static double units(Svg svg, double x, double y, int n, String cls, String fill) {
        double unit = n > 40 ? Math.max(2, 400.0 / n) : UNIT;
        for (int i = 0; i < n; i++) {
            svg.add("rect", "x", x + i * unit, "y", y, "width", unit, "height", 11, "class", cls,
                    "style", fill == null ? null : "fill:" + fill);
        }
        return x + n * unit;
    }

    private static double word(Svg svg, double x, double y, String text) {
        svg.text(x, y, "small", text);
        return x + Svg.width(text, 10.5);
    }

    private static void legend(Svg svg, double x) {
        double y = 14;
        svg.add("path", "d", "M" + Svg.num(x + 2) + " " + (y - 10) + "V" + (y + 1) + "M" + Svg.num(x + 7) + " "
                + (y - 10) + "V" + (y + 1), "class", "tick");
        x = word(svg, x + 14, y, "heartbeat tick") + 12;
        svg.add("rect", "x", x, "y", y - 10, "width", 20, "height", 11, "class", "window");
        x = word(svg, x + 26, y, "workers running") + 12;
        svg.gradeRect(Grade.INTERESTING, x, y - 10, 20, 11, null);
        word(svg, x + 26, y, "longest gap between ticks, in the row's grade");
    }

    private static String description(Ticks ticks) {
        List<String> parts = new ArrayList<>();
        for (TickSeries s : ticks.series()) {
            parts.add(s.label() + ": " + s.ticks().size() + " ticks; workers from " + LanesFigure.ms(s.fromMs())
                    + " to " + LanesFigure.ms(s.toMs()) + " ms; longest gap " + LanesFigure.ms(s.worstMs())
                    + " ms late, from " + LanesFigure.ms(s.worstAtMs()) + " ms; " + s.workers() + " workers on "
                    + s.carriers() + " carriers; " + s.grade());
        }
        return "Heartbeat ticks on a time axis, one row per lock kind. " + String.join(". ", parts) + ".";
    }

    /** The rows' figures as a table: the picture's text alternative. */
    static Table figures(Ticks ticks) {
        List<Row> rows = ticks.series().stream().map(s -> Row.of(Tone.of(s.grade()), s.label(),
                Integer.toString(s.ticks().size()), LanesFigure.ms(s.fromMs()) + " to " + LanesFigure.ms(s.toMs()),
                LanesFigure.ms(s.worstMs()), LanesFigure.ms(s.worstAtMs()), Integer.toString(s.workers()),
                Integer.toString(s.carriers()), s.grade().name())).toList();
        return new Table(List.of(Column.left("lock"), Column.right("ticks"), Column.right("workers ran, ms"),
                Column.right("longest gap, ms late"), Column.right("from ms"), Column.right("workers"),
                Column.right("carriers"), Column.left("grade")), rows, true, 0);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

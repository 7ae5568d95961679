package dev.vtlab.report;

import dev.vtlab.report.Block.Bar;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observed endings as horizontal bars, one row each: the bar is the observed share in its grade's colour and
 * pattern, the whisker over it its 95 % interval, and the dashed bar under it the share of the model's
 * interleavings that end there (jcstress's table of outcomes, drawn). The share axis is shared by all rows, so
 * bars compare; it ends at the largest share or interval rounded up, not always at 100 %, so that a rare ending
 * is still visible.
 */
final class BarsFigure {

    private static final double LEGEND = 30;
    private static final double PAD = 8;

    private BarsFigure() {
    }

    static Figure draw(Bars bars, String id) {
        List<Bar> rows = bars.bars();
        boolean predicted = rows.stream().anyMatch(b -> b.predicted() >= 0);
        double rowHeight = predicted ? 42 : 32;
        double gutter = clamp(rows.stream().mapToDouble(b -> Math.max(Svg.width(b.label(), 13),
                Svg.width(nonNull(b.meaning()), 10.5))).max().orElse(40) + 14, 70, 230);
        double right = rows.stream().mapToDouble(b -> Svg.width(share(b) + "  " + counted(b), 12)).max().orElse(60);
        right = clamp(Math.max(right, Svg.width("INTERESTING", 12) + 16) + 14, 120, 230);
        double x1 = Svg.WIDTH - right - PAD;
        double most = rows.stream().mapToDouble(b -> Math.max(Math.max(b.high(), b.predicted()), fraction(b)))
                .max().orElse(1);
        Axis axis = Axis.over(0, Math.min(1, Math.max(most, 0.01)), gutter, x1);

        Svg svg = new Svg(id);
        legend(svg, 4, predicted);
        double y = LEGEND;
        double bottom = LEGEND + rows.size() * rowHeight + 4;
        axis.draw(svg, LEGEND - 4, bottom, 100, "%");
        for (Bar bar : rows) {
            svg.text(gutter - 10, y + 14, "label end", Svg.fit(bar.label(), gutter - 14, 13));
            if (bar.meaning() != null && !bar.meaning().isEmpty()) {
                svg.text(gutter - 10, y + 28, "small muted end", Svg.fit(bar.meaning(), gutter - 14, 10.5));
            }
            svg.gradeRect(bar.grade(), axis.x(0), y + 4, axis.width(0, fraction(bar)), 16, tooltip(bar, bars));
            double whiskerY = y + 12;
            svg.open("g", "class", "whisker")
                    .tooltip("95 % interval: " + interval(bar))
                    .add("line", "x1", axis.x(bar.low()), "x2", axis.x(bar.high()), "y1", whiskerY, "y2", whiskerY)
                    .add("line", "x1", axis.x(bar.low()), "x2", axis.x(bar.low()), "y1", whiskerY - 6,
                            "y2", whiskerY + 6)
                    .add("line", "x1", axis.x(bar.high()), "x2", axis.x(bar.high()), "y1", whiskerY - 6,
                            "y2", whiskerY + 6)
                    .close("g");
            if (bar.predicted() >= 0) {
                svg.open("rect", "x", axis.x(0), "y", y + 25, "width", Math.max(axis.width(0, bar.predicted()), 1),
                                "height", 8, "class", "predicted")
                        .tooltip("predicted: " + percent(bar.predicted()) + " of the interleavings end here")
                        .close("rect");
            }
            svg.text(x1 + 14, y + 14, null, share(bar));
            svg.text(x1 + 14 + Svg.width(share(bar) + "  ", 12), y + 14, "small muted", counted(bar));
            svg.gradeLabel(bar.grade(), x1 + 12, y + 30);
            y += rowHeight;
        }
        String title = bars.caption();
        return new Figure(bars.caption(), svg.toString(bottom + 22, title, description(bars)), figures(bars));
    }

    private static void legend(Svg svg, double x, boolean predicted) {
        double y = 12;
        svg.add("rect", "x", x, "y", y - 9, "width", 14, "height", 10, "class", "fill-expected");
        svg.text(x + 20, y, "small", "observed share, in its grade's colour");
        x += 20 + Svg.width("observed share, in its grade's colour", 10.5) + 8;
        svg.add("line", "x1", x, "x2", x + 18, "y1", y - 4, "y2", y - 4, "class", "whisker");
        svg.add("line", "x1", x, "x2", x, "y1", y - 8, "y2", y, "class", "whisker");
        svg.add("line", "x1", x + 18, "x2", x + 18, "y1", y - 8, "y2", y, "class", "whisker");
        svg.text(x + 24, y, "small", "95 % interval");
        x += 24 + Svg.width("95 % interval", 10.5) + 8;
        if (predicted) {
            svg.add("rect", "x", x, "y", y - 8, "width", 18, "height", 8, "class", "predicted");
            svg.text(x + 24, y, "small", "predicted (share of interleavings)");
        }
    }

    private static String description(Bars bars) {
        List<String> parts = new ArrayList<>();
        for (Bar b : bars.bars()) {
            parts.add(b.label() + (b.meaning() == null || b.meaning().isEmpty() ? "" : " (" + b.meaning() + ")")
                    + ": " + share(b) + " observed, " + counted(b) + ", 95 % interval " + interval(b)
                    + (b.predicted() >= 0 ? ", predicted " + percent(b.predicted()) : "") + ", " + b.grade());
        }
        return "Bar chart of the observed share of each ending. " + String.join("; ", parts) + ".";
    }

    /** The same figures as a table: the picture's text alternative. */
    static Table figures(Bars bars) {
        boolean predicted = bars.bars().stream().anyMatch(b -> b.predicted() >= 0);
        List<Column> columns = new ArrayList<>(List.of(Column.left("ending"), Column.left("meaning"),
                Column.right(bars.unit() == null || bars.unit().isEmpty() ? "count" : bars.unit()),
                Column.right("of"), Column.right("share"), Column.right("95 % interval")));
        if (predicted) {
            columns.add(Column.right("predicted"));
        }
        columns.add(Column.left("grade"));
        List<Row> rows = new ArrayList<>();
        for (Bar b : bars.bars()) {
            List<String> cells = new ArrayList<>(List.of(b.label(), nonNull(b.meaning()), Long.toString(b.count()),
                    Long.toString(b.total()), share(b), interval(b)));
            if (predicted) {
                cells.add(b.predicted() >= 0 ? percent(b.predicted()) : "-");
            }
            cells.add(b.grade().name());
            rows.add(Row.of(Tone.of(b.grade()), cells.toArray(String[]::new)));
        }
        return new Table(columns, rows, true, 0);
    }

    private static String tooltip(Bar bar, Bars bars) {
        return bar.label() + ": " + bar.count() + " of " + bar.total()
                + (bars.unit() == null || bars.unit().isEmpty() ? "" : " " + bars.unit()) + " (" + share(bar)
                + "), " + bar.grade();
    }

    private static double fraction(Bar bar) {
        return bar.total() > 0 ? (double) bar.count() / bar.total() : 0;
    }

    private static String share(Bar bar) {
        return percent(fraction(bar));
    }

    private static String counted(Bar bar) {
        return bar.count() + " of " + bar.total();
    }

    private static String interval(Bar bar) {
        return String.format(Locale.ROOT, "%.1f to %.1f %%", 100 * bar.low(), 100 * bar.high());
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

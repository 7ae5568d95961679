package dev.vtlab.report;

import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.LaneStep;
import dev.vtlab.report.Block.Lanes;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One trial's steps as swimlanes: a lane per task, time across. A read is a ring, a write a filled square, a wait
 * for the lock a grey bar up to the lane's next step, a failed compare-and-set a cross, start and finish short
 * strokes; the write that was overwritten has a dashed red ring and says "lost". Each step's label sits above its
 * mark; labels that would touch are stacked, so a lane is as tall as its busiest moment needs.
 */
final class LanesFigure {

    private static final double LEGEND = 26;
    private static final double LABEL_ROW = 13;
    private static final double MARK_BAND = 24;
    private static final double RIGHT_PAD = 12;

    private LanesFigure() {
    }

    /** A label placed in a lane: its text, where it starts and ends, and on which stacked row. */
    private record Placed(LaneStep step, String text, double from, double to, int row) {
    }

    static Figure draw(Lanes lanes, String id) {
        List<String> names = new ArrayList<>(lanes.lanes());
        lanes.steps().stream().map(LaneStep::lane).distinct().filter(l -> !names.contains(l)).forEach(names::add);
        double gutter = clamp(names.stream().mapToDouble(n -> Svg.width(n, 12.5)).max().orElse(40) + 18, 60, 200);
        // from 0, unless the steps start late (a trial among many that waited for a carrier): then from the first
        // step, so the reads and writes get the width; the labels still say the time since the trial's start
        double first = lanes.steps().stream().mapToDouble(LaneStep::ms).min().orElse(0);
        double max = lanes.steps().stream().mapToDouble(LaneStep::ms).max().orElse(1);
        double min = first > 0.25 * max ? first : Math.min(0, first);
        Axis axis = Axis.over(min, Math.max(max, min + 1e-3), gutter, Svg.WIDTH - RIGHT_PAD - 10);

        Svg svg = new Svg(id);
        legend(svg, 4);
        double y = LEGEND + 6;
        List<Runnable> lanesDrawing = new ArrayList<>();
        List<Double> separators = new ArrayList<>();
        for (String lane : names) {
            List<LaneStep> steps = lanes.steps().stream().filter(s -> s.lane().equals(lane))
                    .sorted(Comparator.comparingDouble(LaneStep::ms)).toList();
            List<Placed> labels = place(steps, axis);
            int rows = labels.stream().mapToInt(Placed::row).max().orElse(-1) + 1;
            double markY = y + 4 + Math.max(rows, 1) * LABEL_ROW + MARK_BAND / 2;
            double top = y;
            lanesDrawing.add(() -> lane(svg, lane, steps, labels, axis, gutter, markY, top));
            y = markY + MARK_BAND / 2 + 4;
            separators.add(y);
        }
        double bottom = y;
        axis.draw(svg, LEGEND + 2, bottom, 1, "ms");
        for (double s : separators.subList(0, Math.max(0, separators.size() - 1))) {
            svg.add("line", "x1", 0, "x2", Svg.WIDTH, "y1", s, "y2", s, "class", "sep");
        }
        lanesDrawing.forEach(Runnable::run);
        return new Figure(lanes.caption(), svg.toString(bottom + 22, lanes.caption(), description(lanes, names)),
                figures(lanes));
    }

    private static void lane(Svg svg, String lane, List<LaneStep> steps, List<Placed> labels, Axis axis,
                             double gutter, double markY, double top) {
        svg.open("g");
        svg.text(gutter - 12, markY + 4, "label end", Svg.fit(lane, gutter - 16, 12.5));
        if (!steps.isEmpty()) {
            svg.add("line", "x1", axis.x(steps.getFirst().ms()), "x2", axis.x(steps.getLast().ms()),
                    "y1", markY, "y2", markY, "class", "lane");
        }
        for (int i = 0; i < steps.size(); i++) {
            LaneStep step = steps.get(i);
            if (kind(step).equals("wait")) {
                double end = i + 1 < steps.size() ? axis.x(steps.get(i + 1).ms()) : axis.x(step.ms()) + 6;
                double x = axis.x(step.ms());
                svg.open("rect", "x", x, "y", markY - 5, "width", Math.max(end - x, 3), "height", 10, "class", "wait")
                        .tooltip(tooltip(step)).close("rect");
            }
        }
        for (LaneStep step : steps) {
            mark(svg, step, axis.x(step.ms()), markY);
        }
        for (Placed p : labels) {
            double x = axis.x(p.step().ms());
            double baseline = markY - MARK_BAND / 2 - 2 - p.row() * LABEL_ROW;
            if (p.row() > 0) {
                svg.add("line", "x1", x, "x2", x, "y1", markY - 7, "y2", baseline + 2, "class", "grid");
            }
            svg.text(p.from(), baseline, "small" + (p.step().lost() ? " lost" : ""), p.text());
        }
        svg.close("g");
    }

    private static void mark(Svg svg, LaneStep step, double x, double y) {
        String tip = tooltip(step);
        switch (kind(step)) {
            case "read" -> svg.open("circle", "cx", x, "cy", y, "r", 5, "class", "read").tooltip(tip).close("circle");
            case "write" -> svg.open("rect", "x", x - 5, "y", y - 5, "width", 10, "height", 10, "class", "write")
                    .tooltip(tip).close("rect");
            case "retry" -> svg.open("g", "class", "retry").tooltip(tip)
                    .add("line", "x1", x - 5, "x2", x + 5, "y1", y - 5, "y2", y + 5)
                    .add("line", "x1", x - 5, "x2", x + 5, "y1", y + 5, "y2", y - 5).close("g");
            case "start", "finish" -> svg.open("line", "x1", x, "x2", x, "y1", y - 8, "y2", y + 8,
                    "class", "startfinish").tooltip(tip).close("line");
            case "wait" -> svg.add("line", "x1", x, "x2", x, "y1", y - 7, "y2", y + 7, "class", "startfinish");
            default -> svg.open("circle", "cx", x, "cy", y, "r", 3, "class", "ink").tooltip(tip).close("circle");
        }
        if (step.lost()) {
            svg.open("circle", "cx", x, "cy", y, "r", 10, "class", "lost").tooltip(tip).close("circle");
        }
    }

    /**
     * Stacks the labels: each goes on the lowest row where it does not touch the one before it. A label starts at
     * its mark, or ends at the picture's edge if it would cross it; one wider than the picture is cut (the table
     * under the picture has it whole).
     */
    private static List<Placed> place(List<LaneStep> steps, Axis axis) {
        List<Placed> placed = new ArrayList<>();
        List<Double> rowEnds = new ArrayList<>();
        for (LaneStep step : steps) {
            String text = Svg.fit(step.label() + (step.lost() ? " (lost)" : ""), Svg.WIDTH - 4, 10.5);
            double w = Svg.width(text, 10.5);
            double from = Math.max(2, Math.min(axis.x(step.ms()) - 4, Svg.WIDTH - 2 - w));
            double to = from + w;
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) > from - 6) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(to);
            } else {
                rowEnds.set(row, to);
            }
            placed.add(new Placed(step, text, from, to, row));
        }
        return placed;
    }

    private static void legend(Svg svg, double x) {
        double y = 14;
        svg.add("circle", "cx", x + 5, "cy", y - 4, "r", 5, "class", "read");
        x = word(svg, x + 14, y, "read");
        svg.add("rect", "x", x, "y", y - 9, "width", 10, "height", 10, "class", "write");
        x = word(svg, x + 14, y, "write");
        svg.add("rect", "x", x, "y", y - 9, "width", 20, "height", 10, "class", "wait");
        x = word(svg, x + 24, y, "waits for the lock");
        svg.add("line", "x1", x, "x2", x + 10, "y1", y - 9, "y2", y + 1, "class", "retry");
        svg.add("line", "x1", x, "x2", x + 10, "y1", y + 1, "y2", y - 9, "class", "retry");
        x = word(svg, x + 14, y, "compare-and-set failed");
        svg.add("line", "x1", x + 2, "x2", x + 2, "y1", y - 10, "y2", y + 2, "class", "startfinish");
        x = word(svg, x + 8, y, "start, finish");
        svg.add("circle", "cx", x + 9, "cy", y - 4, "r", 8, "class", "lost");
        word(svg, x + 21, y, "overwritten write");
    }

    private static double word(Svg svg, double x, double y, String text) {
        svg.text(x, y, "small", text);
        return x + Svg.width(text, 10.5) + 10;
    }

    private static String description(Lanes lanes, List<String> names) {
        List<String> steps = sorted(lanes).stream().limit(60)
                .map(s -> ms(s.ms()) + " ms " + s.lane() + " " + s.label() + (s.lost() ? " (lost)" : "")).toList();
        return "Swimlanes: one lane per task (" + String.join(", ", names) + "), time in ms across. Steps in order: "
                + String.join("; ", steps) + (lanes.steps().size() > steps.size() ? "; and more" : "") + ".";
    }

    /** The steps as a table, in time order: the picture's text alternative. */
    static Table figures(Lanes lanes) {
        List<Row> rows = sorted(lanes).stream().map(s -> Row.of(s.lost() ? Tone.BAD : Tone.PLAIN, ms(s.ms()),
                s.lane(), s.label(), s.lost() ? "lost: overwritten by a write that never saw it" : "")).toList();
        return new Table(List.of(Column.right("ms"), Column.left("task"), Column.left("step"), Column.left("")),
                rows, true, 0);
    }

    private static List<LaneStep> sorted(Lanes lanes) {
        return lanes.steps().stream().sorted(Comparator.comparingDouble(LaneStep::ms)).toList();
    }

    private static String tooltip(LaneStep step) {
        return step.lane() + ": " + step.label() + " at " + ms(step.ms()) + " ms" + (step.lost()
                ? ", lost: a later write that never saw it buried it" : "");
    }

    private static String kind(LaneStep step) {
        return step.kind() == null ? "" : step.kind().toLowerCase(Locale.ROOT);
    }

    /** A time to three significant digits or so: 0.012, 1.25, 12.5, 125. */
    static String ms(double ms) {
        double a = Math.abs(ms);
        String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, ms);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

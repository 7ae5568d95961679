package dev.vtlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis of a picture: maps a value (ms, or a share) to x between {@code x0} and {@code x1}, and draws round
 * ticks (1, 2 or 5 times a power of ten) as a grid with labels. Its ends are rounded out to ticks, so the first and
 * last labels sit at the edges of the plot and every label is a round number.
 */
record Axis(double min, double max, double step, double x0, double x1) {

    /** At most this many intervals: on A4 the labels of a wider axis would touch. */
    private static final int MOST_TICKS = 8;

    Axis {
        if (!(max > min) || !(step > 0) || !(x1 > x0)) {
            throw new IllegalArgumentException("axis needs min < max, step > 0, x0 < x1: " + min + ", " + max
                    + ", " + step + ", " + x0 + ", " + x1);
        }
    }

    /** An axis from at most {@code min} to at least {@code max} (both rounded out to ticks), drawn from x0 to x1. */
    static Axis over(double min, double max, double x0, double x1) {
        double span = max > min && Double.isFinite(max - min) ? max - min : 1;
        double step = roundStep(span / MOST_TICKS);
        double start = Math.floor(min / step + 1e-9) * step;
        double end = start + Math.max(1, Math.ceil((Math.max(max, min + span) - start) / step - 1e-9)) * step;
        return new Axis(start, end, step, x0, x1);
    }

    double x(double value) {
        double v = Math.max(min, Math.min(max, value));
        return x0 + (v - min) / (max - min) * (x1 - x0);
    }

    /** The width on the axis of the span from {@code from} to {@code to}. */
    double width(double from, double to) {
        return x(to) - x(from);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        int n = (int) Math.round((max - min) / step);
        for (int i = 0; i <= n; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** A tick's label, to as many decimals as the step needs; {@code unit} follows the last one. */
    String label(double value, double scale) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step * scale) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value * scale);
    }

    /**
     * Vertical grid lines from {@code top} to {@code bottom}, the axis line at the bottom and each tick's label
     * under it; {@code scale} turns values into the label's numbers (100 for shares shown as percent), and
     * {@code unit} is written after the last label.
     */
    void draw(Svg svg, double top, double bottom, double scale, String unit) {
        for (double t : ticks()) {
            svg.add("line", "x1", x(t), "x2", x(t), "y1", top, "y2", bottom, "class", "grid");
        }
        svg.add("line", "x1", x0, "x2", x1, "y1", bottom, "y2", bottom, "class", "axis");
        List<Double> ticks = ticks();
        for (int i = 0; i < ticks.size(); i++) {
            double t = ticks.get(i);
            boolean last = i == ticks.size() - 1;
            String text = label(t, scale) + (last ? " " + unit : "");
            svg.text(x(t), bottom + 14, "small muted " + (last ? "end" : i == 0 ? "" : "mid"), text);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }
}

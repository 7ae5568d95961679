package dev.vtlab.report;

import dev.vtlab.lesson.Grade;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A small SVG writer for the page's pictures: elements with escaped attributes and text, numbers to a tenth of a
 * pixel, and the patterns that give each grade a cue besides its colour (EXPECTED solid, INTERESTING striped,
 * FORBIDDEN cross-hatched), so a printout in grey or a reader who does not see red from green still tells them
 * apart. Colours are CSS classes of the page ({@code page.css}), so they are written once.
 *
 * <p>A picture is laid out before its height is known, so the {@code <svg>} element is written last, by
 * {@link #toString(double, String, String)}. The drawing is {@link #WIDTH} units wide and scales to the width of
 * the page (viewBox); ids are prefixed with the figure's id, so several pictures share a page.
 */
final class Svg {

    /** The width of every picture, in user units: a page's column on screen, and A4's text width in print. */
    static final double WIDTH = 720;

    /** How wide a character of the 12 px sans-serif is, at most, for laying out labels that must not collide. */
    private static final double CHAR_EM = 0.62;

    private final String id;
    private final StringBuilder body = new StringBuilder(4096);
    private final StringBuilder defs = new StringBuilder();
    private final Set<Grade> patterns = EnumSet.noneOf(Grade.class);
    private boolean cancelledPattern;

    Svg(String id) {
        this.id = id;
    }

    /** An element with no content, such as {@code rect}: attributes as name, value pairs; a null value is left out. */
    Svg add(String name, Object... attributes) {
        start(name, attributes);
        body.append("/>");
        return this;
    }

    /** Opens an element; {@link #close(String)} ends it. */
    Svg open(String name, Object... attributes) {
        start(name, attributes);
        body.append('>');
        return this;
    }

    Svg close(String name) {
        body.append("</").append(name).append('>');
        return this;
    }

    /** A text element at (x, y), its baseline at y; {@code cls} is its classes, or null. */
    Svg text(double x, double y, String cls, String text) {
        start("text", "x", x, "y", y, "class", cls);
        body.append('>').append(Html.text(text)).append("</text>");
        return this;
    }

    /** A {@code <title>} for the element open now: what a pointer shows on hover, and what a screen reader reads. */
    Svg tooltip(String text) {
        body.append("<title>").append(Html.text(text)).append("</title>");
        return this;
    }

    /** The fill of a mark in a grade's colour and pattern; defines the pattern the first time it is used. */
    String gradeFill(Grade grade) {
        String name = gradeClass(grade);
        if (grade != Grade.EXPECTED && patterns.add(grade)) {
            defs.append("<pattern id=\"").append(ref(name)).append("\" width=\"6\" height=\"6\"")
                    .append(" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                    .append("<rect width=\"6\" height=\"6\" class=\"fill-").append(name).append("\"/>");
            switch (grade) {
                case INTERESTING -> defs.append("<rect width=\"2\" height=\"6\" class=\"stripe\"/>");
                case FORBIDDEN -> defs.append("<path d=\"M0 3H6M3 0V6\" class=\"hatch\"/>");
                case EXPECTED -> throw new IllegalStateException("EXPECTED is solid and needs no pattern");
            }
            defs.append("</pattern>");
        }
        return grade == Grade.EXPECTED ? null : "url(#" + ref(name) + ")";
    }

    /** The fill of a cancelled subtask: grey, striped, so it differs from a completed one without colour. */
    String cancelledFill() {
        if (!cancelledPattern) {
            cancelledPattern = true;
            defs.append("<pattern id=\"").append(ref("cancelled")).append("\" width=\"5\" height=\"5\"")
                    .append(" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\">")
                    .append("<rect width=\"5\" height=\"5\" fill=\"#c4c7cc\"/>")
                    .append("<rect width=\"1.6\" height=\"5\" fill=\"#6b7078\"/></pattern>");
        }
        return "url(#" + ref("cancelled") + ")";
    }

    /** A mark in a grade's colour with its non-colour cue: a filled rectangle. */
    Svg gradeRect(Grade grade, double x, double y, double w, double h, String tooltip) {
        String fill = gradeFill(grade);
        open("rect", "x", x, "y", y, "width", Math.max(w, 0), "height", h, "class", "fill-" + gradeClass(grade),
                "style", fill == null ? null : "fill:" + fill);
        if (tooltip != null) {
            tooltip(tooltip);
        }
        return close("rect");
    }

    /** A grade's shape, centred at (x, y): a circle for EXPECTED, a triangle for INTERESTING, a square FORBIDDEN. */
    Svg gradeShape(Grade grade, double x, double y) {
        String cls = "fill-" + gradeClass(grade);
        return switch (grade) {
            case EXPECTED -> add("circle", "cx", x, "cy", y, "r", 5, "class", cls);
            case INTERESTING -> add("path", "d", "M" + num(x) + " " + num(y - 5.5) + "L" + num(x + 6) + " "
                    + num(y + 4.5) + "H" + num(x - 6) + "Z", "class", cls);
            case FORBIDDEN -> add("rect", "x", x - 5, "y", y - 5, "width", 10, "height", 10, "class", cls);
        };
    }

    /** The grade's shape and its word, starting at x on baseline y. Returns where the word ends. */
    double gradeLabel(Grade grade, double x, double y) {
        gradeShape(grade, x + 6, y - 4);
        text(x + 15, y, "g-" + gradeClass(grade), grade.name());
        return x + 15 + width(grade.name(), 12);
    }

    /** The grade's word ending at x on baseline y, and its shape after it: for a label right-aligned in a gutter. */
    Svg gradeLabelEnd(Grade grade, double x, double y) {
        text(x - 15, y, "g-" + gradeClass(grade) + " end", grade.name());
        return gradeShape(grade, x - 6, y - 4);
    }

    /** The complete {@code <svg>}: {@code title} names it, {@code desc} says what it shows, for screen readers. */
    String toString(double height, String title, String desc) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(WIDTH) + " " + num(height)
                + "\" width=\"" + num(WIDTH) + "\" height=\"" + num(height) + "\" role=\"img\" aria-labelledby=\""
                + ref("title") + " " + ref("desc") + "\" id=\"" + Html.attr(id) + "\">"
                + "<title id=\"" + ref("title") + "\">" + Html.text(title) + "</title>"
                + "<desc id=\"" + ref("desc") + "\">" + Html.text(desc) + "</desc>"
                + (defs.isEmpty() ? "" : "<defs>" + defs + "</defs>")
                + body + "</svg>";
    }

    /** The CSS class of a grade: {@code expected}, {@code interesting}, {@code forbidden}. */
    static String gradeClass(Grade grade) {
        return grade.name().toLowerCase(Locale.ROOT);
    }

    /** How wide {@code text} is at most, in user units, at {@code size} px: for keeping labels apart. */
    static double width(String text, double size) {
        return text.length() * size * CHAR_EM;
    }

    /** {@code text}, cut with an ellipsis to fit {@code room} units at {@code size} px (its title keeps it whole). */
    static String fit(String text, double room, double size) {
        int most = (int) Math.floor(room / (size * CHAR_EM));
        return text.length() <= most ? text : text.substring(0, Math.max(most - 1, 1)) + "\u2026";
    }

    /** A coordinate to a tenth: enough for any screen or printer, and short. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private String ref(String local) {
        return Html.attr(id + "-" + local);
    }

    private void start(String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
        }
        body.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            String text = value instanceof Number n ? num(n.doubleValue()) : Html.attr(value.toString());
            body.append(' ').append(attributes[i]).append("=\"").append(text).append('"');
        }
    }
}

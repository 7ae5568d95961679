package dev.vtlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prose for an 80-column terminal: every line the lab prints fits {@link #WIDTH} columns, so nothing wraps in the
 * middle of a word. Wrapping happens at spaces and counts only what a terminal shows (colour codes take no room).
 */
public final class Text {

    /** The width of every line of the lab's output and help. */
    public static final int WIDTH = 80;

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private Text() {
    }

    /** {@link #wrap(String, String, String)} with the same indent on every line. */
    public static List<String> wrap(String text, String indent) {
        return wrap(text, indent, indent);
    }

    /**
     * Splits {@code text} at spaces into lines of at most {@link #WIDTH} visible columns; the first line starts
     * with {@code first}, the others with {@code rest}. A word longer than a line stands on a line of its own.
     */
    public static List<String> wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int length = visible(first);
        boolean fresh = true;       // nothing of the text on this line yet
        boolean broken = false;     // this line is a continuation: its leading spaces are dropped
        // Split at single spaces, so a run of spaces (a padded column inside a paragraph) keeps its width.
        for (String word : text.stripTrailing().split(" ", -1)) {
            int w = visible(word);
            if (!fresh && length + 1 + w > WIDTH && w > 0) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                length = visible(rest);
                fresh = true;
                broken = true;
            }
            if (fresh && broken && w == 0) {
                continue;
            }
            if (!fresh) {
                line.append(' ');
                length++;
            }
            line.append(word);
            length += w;
            fresh = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@code s} without colour codes. */
    public static String strip(String s) {
        return ANSI.matcher(s).replaceAll("");
    }

    /** The columns {@code s} takes on a terminal: its length without colour codes. */
    public static int visible(String s) {
        return ANSI.matcher(s).replaceAll("").length();
    }
}

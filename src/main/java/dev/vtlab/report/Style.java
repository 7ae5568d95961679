package dev.vtlab.report;

import dev.vtlab.lesson.Grade;

import java.util.Map;

/**
 * Colours for a terminal, or none. Colour is on only for an interactive terminal whose environment does not set
 * {@code NO_COLOR} (https://no-color.org) or {@code TERM=dumb}, so piped output and logs stay plain text.
 */
public record Style(boolean ansi) {

    private static final String RESET = "\u001b[0m";
    private static final String[] TASK_COLOURS = {"\u001b[36m", "\u001b[35m", "\u001b[33m", "\u001b[34m"};

    public static Style plain() {
        return new Style(false);
    }

    /** Colour only on an interactive terminal, and never when {@code NO_COLOR} is set to anything non-empty. */
    public static Style detect(Map<String, String> env, boolean interactive) {
        String noColor = env.get("NO_COLOR");
        boolean refused = (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
        return new Style(interactive && !refused);
    }

    public String bold(String text) {
        return wrap("\u001b[1m", text);
    }

    public String dim(String text) {
        return wrap("\u001b[2m", text);
    }

    public String red(String text) {
        return wrap("\u001b[31m", text);
    }

    public String green(String text) {
        return wrap("\u001b[32m", text);
    }

    public String yellow(String text) {
        return wrap("\u001b[33m", text);
    }

    /** The text in its grade's colour: EXPECTED green, INTERESTING yellow, FORBIDDEN red, in every report. */
    public String grade(Grade grade, String text) {
        return switch (grade) {
            case EXPECTED -> green(text);
            case INTERESTING -> yellow(text);
            case FORBIDDEN -> red(text);
        };
    }

    /** A stable colour per task, so one task's lines can be followed down the narrative. */
    public String task(String name) {
        return wrap(TASK_COLOURS[Math.floorMod(name.hashCode(), TASK_COLOURS.length)], name);
    }

    private String wrap(String code, String text) {
        return ansi ? code + text + RESET : text;
    }
}

package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vtlab.lesson.Grade;

import java.util.List;

/**
 * One piece of a result as a reader sees it: a heading, a paragraph, a table, a picture. A lesson's view turns its
 * results into blocks once; the text and HTML renderers only lay them out (JSON writes the view's data instead), so
 * a new output format is one renderer of these few kinds, and a new lesson is one view that makes them.
 *
 * <p>Pictures ({@link Bars}, {@link Lanes}, {@link Ticks}, {@link Gantt}) carry their own figures, so that each has a
 * text alternative: the text renderer draws bars and lanes, and leaves out what a table beside it already says.
 */
public sealed interface Block {

    /** How a span of text looks: plain, dimmed, bold, or in a grade's colour (jcstress's, in every format). */
    enum Tone {
        PLAIN, DIM, BOLD, GOOD, BAD, WARN, EXPECTED, INTERESTING, FORBIDDEN,
        /** A task's name, in a colour of its own so that one task's lines can be followed down the story. */
        TASK;

        public static Tone of(Grade grade) {
            return switch (grade) {
                case EXPECTED -> EXPECTED;
                case INTERESTING -> INTERESTING;
                case FORBIDDEN -> FORBIDDEN;
            };
        }
    }

    /** A run of text in one tone. */
    record Span(String text, Tone tone) {
        public static Span plain(String text) {
            return new Span(text, Tone.PLAIN);
        }
    }

    /**
     * A heading: level 1 opens a lesson or a run ({@code == counter: a ReentrantLock ==}), level 2 a part of it.
     */
    record Heading(int level, String text) implements Block {
    }

    /**
     * Prose, wrapped to the width: the first line starts {@code indent} spaces in, the others {@code hang}. A
     * paragraph whose spans say a grade is the run's verdict; the HTML page marks it so.
     */
    record Para(List<Span> spans, int indent, int hang) implements Block {
        public Para {
            spans = List.copyOf(spans);
        }

        public static Para of(String text) {
            return new Para(List.of(Span.plain(text)), 0, 0);
        }

        public static Para of(Tone tone, String text) {
            return new Para(List.of(new Span(text, tone)), 0, 0);
        }

        /** Indented by two, later lines by four: a note under what it explains. */
        public static Para note(String text) {
            return new Para(List.of(Span.plain(text)), 2, 4);
        }

        public String text() {
            return String.join("", spans.stream().map(Span::text).toList());
        }
    }

    /** An empty line between parts (a paragraph break in HTML). */
    record Blank() implements Block {
    }

    /**
     * A table. A column right-aligns numbers; the last column may wrap under itself. Rows of one table can come in
     * several blocks (the failure lesson prints a row as each way finishes): {@code heading} says whether this
     * block prints the column headings, and the HTML renderer joins neighbouring blocks of the same columns.
     *
     * @param indent   spaces before the first column
     * @param gap      spaces between columns
     * @param markdown in text, a Markdown table (to paste into a document) rather than aligned columns: bench's
     */
    record Table(List<Column> columns, List<Row> rows, boolean heading, int indent, int gap, boolean markdown)
            implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        public Table(List<Column> columns, List<Row> rows, boolean heading, int indent, int gap) {
            this(columns, rows, heading, indent, gap, false);
        }

        /** Columns two spaces apart. */
        public Table(List<Column> columns, List<Row> rows, boolean heading, int indent) {
            this(columns, rows, heading, indent, 2, false);
        }
    }

    /**
     * @param right right-aligned (numbers)
     * @param width the column's width in text, or 0 to fit its cells (a table whose rows come in several blocks
     *              fixes it, so that the rows line up)
     */
    record Column(String title, boolean right, int width) {
        public static Column left(String title) {
            return new Column(title, false, 0);
        }

        public static Column right(String title) {
            return new Column(title, true, 0);
        }
    }

    /**
     * A row of cells; {@code under} is text under the row (the failure table's siblings, a lock's site), one line
     * per {@code \n}, or null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(List<Span> cells, Tone tone, String under) {
        public Row {
            cells = List.copyOf(cells);
        }

        public static Row of(Tone tone, String... cells) {
            return new Row(java.util.Arrays.stream(cells).map(Span::plain).toList(), tone, null);
        }
    }

    /**
     * Counts as bars, each with its 95 % interval and, where a model predicts it, the predicted share: the account
     * lesson's endings.
     *
     * @param caption what is counted, and out of how many
     */
    record Bars(String caption, String unit, List<Bar> bars) implements Block {
        public Bars {
            bars = List.copyOf(bars);
        }
    }

    /**
     * @param label     what the bar counts, such as {@code -50}
     * @param meaning   what that ending means, such as {@code deposit lost}
     * @param low       the lower end of the 95 % interval of the share, 0 to 1
     * @param high      its upper end
     * @param predicted the share of the model's interleavings that end here, 0 to 1, or negative if none
     */
    record Bar(String label, String meaning, long count, long total, double low, double high, double predicted,
               Grade grade) {
    }

    /**
     * One trial's steps as swimlanes on a time axis: each task's reads, writes, lock waits and failed
     * compare-and-sets, with the write that was overwritten marked. Text shows it only when {@code inText}
     * ({@code --timeline}).
     */
    record Lanes(String caption, List<String> lanes, List<LaneStep> steps, boolean inText) implements Block {
        public Lanes {
            lanes = List.copyOf(lanes);
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param kind  read, write, wait, retry, start or finish
     * @param label what happened, such as {@code read 100} or {@code write -50}
     * @param lost  a write that a later write, which never saw it, buried
     */
    record LaneStep(double ms, String lane, String kind, String label, boolean lost) {
    }

    /**
     * A heartbeat's ticks on a time axis, one series per lock kind: a stall is a gap. The workers' window is marked,
     * and the pinned workers and carriers are counted. Pictures only: the comparison table says it in text.
     */
    record Ticks(String caption, List<TickSeries> series) implements Block {
        public Ticks {
            series = List.copyOf(series);
        }
    }

    /**
     * @param ticks     when each tick came back, in ms since the heartbeat started
     * @param fromMs    when the workers started
     * @param toMs      when the last worker ended
     * @param worstMs   the longest gap beyond a tick, and where it began
     * @param workers   the workers, each holding the lock in turn
     * @param carriers  the carrier threads virtual threads ran on
     */
    record TickSeries(String label, List<Double> ticks, double fromMs, double toMs, double worstMs,
                      double worstAtMs, int workers, int carriers, Grade grade) {
        public TickSeries {
            ticks = List.copyOf(ticks);
        }
    }

    /**
     * Rows of subtask bars on a time axis, each ending in its fate, with the moment the caller got control back
     * marked: the failure lesson's five ways. Pictures only: its table says it in text.
     */
    record Gantt(String caption, List<GanttRow> rows) implements Block {
        public Gantt {
            rows = List.copyOf(rows);
        }
    }

    /** @param callerMs when the caller got control back; {@code caller} says what it saw */
    record GanttRow(String label, List<Segment> segments, double callerMs, String caller, Grade grade) {
        public GanttRow {
            segments = List.copyOf(segments);
        }
    }

    /** @param fate completed, failed, cancelled or not started */
    record Segment(String task, double fromMs, double toMs, String fate) {
    }

    /** A run's story as the text printed it while it ran (HTML shows it; text already has). */
    record Story(List<String> lines) implements Block {
        public Story {
            lines = List.copyOf(lines);
        }
    }
}

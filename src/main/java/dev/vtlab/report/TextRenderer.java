package dev.vtlab.report;

import dev.vtlab.report.Block.Bar;
import dev.vtlab.report.Block.Bars;
import dev.vtlab.report.Block.Blank;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Gantt;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.LaneStep;
import dev.vtlab.report.Block.Lanes;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Story;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Ticks;
import dev.vtlab.report.Block.Tone;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out blocks as text for an 80-column terminal, in colour only if the style says so. Pictures that a table on
 * the same page already says in words ({@link Ticks}, {@link Gantt}) and a {@link Story} (the text printed it while
 * the run went) are left out; {@link Bars} are drawn with {@code #}, {@link Lanes} as a table when asked for.
 *
 * <p>Called from the task threads for the live story: each block is printed whole under the writer's lock.
 */
public final class TextRenderer {

    private static final int BAR_WIDTH = 40;

    private final PrintWriter out;
    private final Style style;

    public TextRenderer(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void render(List<Block> blocks) {
        synchronized (out) {
            blocks.forEach(this::block);
            out.flush();
        }
    }

    public void render(Block block) {
        render(List.of(block));
    }

    private void block(Block block) {
        switch (block) {
            case Heading h -> Text.wrap(h.text(), "", "   ").forEach(l -> out.println(style.bold(l)));
            case Para p -> Text.wrap(styled(p.spans()), " ".repeat(p.indent()), " ".repeat(p.hang()))
                    .forEach(out::println);
            case Blank b -> out.println();
            case Table t -> table(t);
            case Bars b -> bars(b);
            case Lanes l -> {
                if (l.inText()) {
                    lanes(l);
                }
            }
            case Ticks t -> { }
            case Gantt g -> { }
            case Story s -> { }
        }
    }

    /** The spans, each in its tone; the text to wrap. */
    private String styled(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        for (Span s : spans) {
            text.append(tone(s.tone(), s.text()));
        }
        return text.toString();
    }

    private String tone(Tone tone, String text) {
        return switch (tone) {
            case PLAIN -> text;
            case DIM -> style.dim(text);
            case BOLD -> style.bold(text);
            case GOOD, EXPECTED -> style.green(text);
            case BAD, FORBIDDEN -> style.red(text);
            case WARN, INTERESTING -> style.yellow(text);
            case TASK -> style.task(text);
        };
    }

    private void table(Table t) {
        if (t.markdown()) {
            markdown(t);
            return;
        }
        List<Column> columns = t.columns();
        int last = columns.size() - 1;
        // A right-aligned last column is numbers: padded like the others. Otherwise it is words, and wraps.
        boolean lastRight = columns.get(last).right();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < (lastRight ? columns.size() : last); c++) {
            Column column = columns.get(c);
            int width = column.width() > 0 ? column.width() : column.title().length();
            for (Row row : t.rows()) {
                width = Math.max(width, Text.visible(row.cells().get(c).text()));
            }
            widths[c] = width;
        }
        String indent = " ".repeat(t.indent());
        String gap = " ".repeat(t.gap());
        int lastStart = t.indent();
        for (int c = 0; c < last; c++) {
            lastStart += widths[c] + gap.length();
        }
        String under = " ".repeat(lastStart);
        if (t.heading()) {
            List<Span> titles = columns.stream().map(col -> Span.plain(col.title())).toList();
            out.println(style.bold(line(indent, gap, columns, widths, titles, Tone.PLAIN).stripTrailing()));
        }
        for (Row row : t.rows()) {
            if (lastRight) {
                String l = line(indent, gap, columns, widths, row.cells(), row.tone());
                out.println(row.tone() == Tone.PLAIN ? l : tone(row.tone(), Text.strip(l)));
                continue;
            }
            String cells = line(indent, gap, columns, widths, row.cells().subList(0, last), row.tone());
            Span lastCell = row.cells().get(last);
            List<String> lines = Text.wrap(tone(lastCell.tone(), lastCell.text()), cells, under);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).stripTrailing();
                out.println(i == 0 && row.tone() != Tone.PLAIN ? tone(row.tone(), Text.strip(l)) : l);
            }
            if (row.under() != null) {
                // under the last column if every line fits there, else four in from the table's edge
                String[] texts = row.under().split("\n");
                int room = Text.WIDTH - lastStart;
                boolean fits = java.util.Arrays.stream(texts).allMatch(x -> Text.visible(x) <= room);
                String at = fits ? under : indent + "    ";
                for (String text : texts) {
                    Text.wrap(text, at, at + "  ").forEach(l -> out.println(style.dim(l)));
                }
            }
        }
    }

    /** The cells before the last, each padded to its column, with the gap after each. */
    private String line(String indent, String gap, List<Column> columns, int[] widths, List<Span> cells,
                        Tone rowTone) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            Span cell = cells.get(c);
            String pad = " ".repeat(Math.max(0, widths[c] - Text.visible(cell.text())));
            String text = rowTone == Tone.PLAIN ? tone(cell.tone(), cell.text()) : cell.text();
            if (c == cells.size() - 1 && cells.size() == columns.size()) {
                line.append(columns.get(c).right() ? pad + text : text); // the last: nothing after it
                break;
            }
            line.append(columns.get(c).right() ? pad + text : text + pad).append(gap);
        }
        return line.toString();
    }

    /** A Markdown table, wider than the terminal if it must be: it is meant to be pasted. */
    private void markdown(Table t) {
        out.println("| " + String.join(" | ", t.columns().stream().map(Column::title).toList()) + " |");
        out.println("|" + "---|".repeat(t.columns().size()));
        for (Row row : t.rows()) {
            out.println("| " + String.join(" | ", row.cells().stream().map(Span::text).toList()) + " |");
        }
    }

    private void bars(Bars b) {
        int width = b.bars().stream().mapToInt(bar -> bar.label().length()).max().orElse(1);
        long most = b.bars().stream().mapToLong(Bar::count).max().orElse(1);
        for (Bar bar : b.bars()) {
            int len = (int) Math.round((double) BAR_WIDTH * bar.count() / Math.max(1, most));
            String drawn = (style.ansi() ? "\u2588" : "#").repeat(Math.max(len, bar.count() > 0 ? 1 : 0));
            out.printf(Locale.ROOT, "  %" + width + "s | %s %d%n", bar.label(), tone(Tone.of(bar.grade()), drawn),
                    bar.count());
        }
    }

    /** A swimlane per task: each step of one trial on its own line, with its time, in its task's column. */
    private void lanes(Lanes l) {
        int width = Math.max(22, l.lanes().stream().mapToInt(String::length).max().orElse(0) + 4);
        out.println();
        out.println(style.bold(l.caption()));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %9s  ", "ms"));
        l.lanes().forEach(lane -> head.append(pad(lane, width)));
        out.println(head.toString().stripTrailing());
        for (LaneStep step : l.steps()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %9.3f  ", step.ms()));
            for (String lane : l.lanes()) {
                String what = step.label() + (step.lost() ? " (lost)" : "");
                line.append(pad(lane.equals(step.lane()) ? what : "", width));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    /** For tests and tools: the lines a list of blocks prints, without colour. */
    public static List<String> lines(List<Block> blocks) {
        var buffer = new java.io.StringWriter();
        new TextRenderer(new PrintWriter(buffer), Style.plain()).render(blocks);
        return new ArrayList<>(buffer.toString().lines().toList());
    }
}

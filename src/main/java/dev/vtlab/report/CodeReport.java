package dev.vtlab.report;

import dev.vtlab.lesson.Listing;
import dev.vtlab.lesson.Listing.Snippet;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Renders {@code --code}: each region of the lab's source that a run executes, with its file and line numbers. */
public final class CodeReport {

    private final PrintWriter out;
    private final Style style;
    private final Set<String> shown = new HashSet<>(); // file#region already printed by this report

    public CodeReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    /** One listing; a region an earlier listing of this report printed is named, not repeated. */
    public void print(Listing listing) {
        out.println(style.bold("== The code that runs: vtlab " + listing.title() + " =="));
        out.println(style.dim("The lab's own source (" + Listing.SOURCE_ROOT + "dev/vtlab/), read from the jar:"));
        out.println(style.dim("the code that runs, not a copy."));
        listing.snippets().stream().map(Snippet::file).filter(f -> f.matches("java\\d+/.*"))
                .map(f -> f.substring(0, f.indexOf('/'))).distinct()
                .forEach(root -> out.println(style.dim(root + "/ is src/main/" + root + "/dev/vtlab/: the code JDK "
                        + root.substring("java".length()) + " runs.")));
        for (Snippet s : listing.snippets()) {
            out.println();
            out.println(style.bold(s.caption()));
            String where = "  " + s.file() + ", lines " + s.firstLine() + "-" + s.lastLine();
            if (!shown.add(s.file() + "#" + s.region())) {
                out.println(style.dim(where + " (as above)"));
                continue;
            }
            out.println(style.dim(where));
            for (String line : s.lines()) {
                out.println(line.isEmpty() ? "" : "    " + line);
            }
        }
        out.println();
        out.flush();
    }

    /** Several listings, in order. */
    public void print(List<Listing> listings) {
        listings.forEach(this::print);
    }
}

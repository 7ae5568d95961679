package dev.vtlab.cli;

import dev.vtlab.report.HtmlRenderer;
import dev.vtlab.report.JsonRenderer;
import dev.vtlab.report.Page;
import dev.vtlab.report.Style;
import dev.vtlab.report.TextRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;

/**
 * {@code --format text|json|html}, the same on every lesson and tool. The promise of json and html is that stdout
 * carries exactly one document and nothing else, so {@code | jq .} and {@code > page.html} always work: notes go to
 * {@link #notes}, and {@code --metrics} is refused beside them. The runner streams text as a lesson runs and writes
 * the others whole at its end through {@link #write}, whose {@code switch} is the one place a new format is added.
 */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = Converters.FormatConverter.class,
            completionCandidates = Converters.FormatConverter.class,
            description = {"${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                + "json: one JSON document on stdout and",
                "nothing else, for scripts: the command, every run's figures and grade,",
                "the JDK and cores (schema/vtlab-result.schema.json). html: one",
                "self-contained page with the pictures, for a class (it loads nothing).",
                "Notes (where a recording went) go to stderr with either.",
                "Example: --format html > ${COMMAND-NAME}.html"})
    private Format format;

    Format value() {
        return format;
    }

    /** Writes a whole page in this format: the tools' output, and a lesson's JSON and HTML at its end. */
    void write(Page page, PrintWriter out, Style style) {
        switch (format) {
            case TEXT -> new TextRenderer(out, style).render(page.blocks());
            case JSON -> JsonRenderer.write(out, page);
            case HTML -> HtmlRenderer.write(out, page);
        }
    }

    /** True if stdout is one document (JSON or HTML) and nothing else may be printed there. */
    boolean document() {
        return switch (format) {
            case TEXT -> false;
            case JSON, HTML -> true;
        };
    }

    /**
     * Where lines that are not the result go, such as "recording saved to": stdout beside a text report, stderr
     * when stdout is reserved for the document.
     */
    PrintWriter notes(CommandSpec spec) {
        return switch (format) {
            case TEXT -> spec.commandLine().getOut();
            case JSON, HTML -> spec.commandLine().getErr();
        };
    }

    /**
     * {@code --metrics} prints its meters on stdout after the lesson, which would put a second document (or a
     * table) behind the JSON one. One rule for every lesson: the two do not go together (exit code 2). Rejected:
     * folding the meters into the document, which would give each lesson's schema a second, Micrometer-shaped half.
     */
    void refuseWith(MetricsOptions metrics, CommandSpec spec) {
        if (metrics.enabled() && document()) {
            throw new ParameterException(spec.commandLine(), "--metrics prints after the lesson on stdout, where"
                    + " --format " + format.cliName() + " promises one document; use one of them (--metrics=json"
                    + " has the meters)");
        }
    }

    /** {@code -v} adds lines to the story, which {@code --format json} does not print: say so rather than ignore it. */
    void refuseWith(RaceOptions race, CommandSpec spec) {
        if (race.verbose && format == Format.JSON) {
            throw new ParameterException(spec.commandLine(), "--verbose adds each read and write to the text story,"
                    + " which --format json leaves out; use one of them");
        }
    }
}

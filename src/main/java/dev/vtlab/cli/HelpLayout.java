package dev.vtlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The help layout of every command, for an 80-column terminal. picocli's two-column table leaves an option's
 * description about 50 columns and wraps longer lines into stray one-word lines; here each option is one line of
 * names, and its description a paragraph below it, indented and wrapped at word boundaries to the full width. A
 * description line that starts with {@code Example:} starts a line of its own. Command descriptions are wrapped the
 * same way, with blank lines between paragraphs. Footers (the examples) are printed as written: they are laid out
 * by hand, and {@code HelpWidthTest} holds them to the width.
 */
final class HelpLayout {

    /** The width help is laid out for: an 80-column terminal. */
    static final int WIDTH = 80;
    private static final String OPTION_INDENT = "  ";
    private static final String TEXT_INDENT = "      ";

    private HelpLayout() {
    }

    /** Installs the layout on {@code cmd} and every subcommand below it. */
    static void install(CommandLine cmd) {
        cmd.setUsageHelpWidth(WIDTH);
        UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        if (usage.optionListHeading().isEmpty()) {
            usage.optionListHeading("%nOptions:%n");
        }
        if (usage.parameterListHeading().isEmpty()) {
            usage.parameterListHeading("%nArguments:%n");
        }
        Map<String, CommandLine.IHelpSectionRenderer> sections = cmd.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        cmd.setHelpSectionMap(sections);
        cmd.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static String description(Help help) {
        String[] lines = help.commandSpec().usageMessage().description();
        if (lines.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                wrap(out, String.join(" ", paragraph), "");
                out.append(System.lineSeparator());
                paragraph.clear();
            } else {
                paragraph.add(line.strip());
            }
        }
        wrap(out, String.join(" ", paragraph), "");
        return out.toString();
    }

    private static String options(Help help) {
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options().stream()
                .filter(o -> !o.hidden()).toList());
        options.sort(Comparator.comparing(HelpLayout::sortKey));
        StringBuilder out = new StringBuilder();
        for (OptionSpec o : options) {
            List<String> names = new ArrayList<>(Arrays.asList(o.names()));
            names.sort(Comparator.comparing(String::length));
            Help.Ansi ansi = help.colorScheme().ansi();
            String label = help.parameterLabelRenderer()
                    .renderParameterLabel(o, ansi, help.colorScheme().optionParamStyles()).toString();
            List<String> styled = names.stream().map(n -> help.colorScheme().optionText(n).toString()).toList();
            out.append(OPTION_INDENT).append(String.join(", ", styled)).append(label)
                    .append(System.lineSeparator());
            text(out, o.description());
        }
        return out.toString();
    }

    private static String parameters(Help help) {
        StringBuilder out = new StringBuilder();
        for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            out.append(OPTION_INDENT).append(help.colorScheme().parameterText(p.paramLabel()).toString())
                    .append(System.lineSeparator());
            text(out, p.description());
        }
        return out.toString();
    }

    /** Each subcommand's name and its header, the header wrapped under itself. */
    private static String commands(Help help) {
        var visible = help.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().commandSpec().usageMessage().hidden()).toList();
        int width = visible.stream().mapToInt(e -> e.getKey().length()).max().orElse(0) + 4;
        StringBuilder out = new StringBuilder();
        for (var e : visible) {
            String header = String.join(" ", e.getValue().commandSpec().usageMessage().header());
            StringBuilder item = new StringBuilder();
            wrap(item, header, " ".repeat(width));
            String name = OPTION_INDENT + help.colorScheme().commandText(e.getKey()).toString();
            int visibleName = OPTION_INDENT.length() + e.getKey().length();
            out.append(name).append(item.substring(visibleName));
        }
        return out.toString();
    }

    /** The footer as written, line by line ({@code %n} and {@code %%} as picocli reads them), never re-wrapped. */
    private static String footer(Help help) {
        StringBuilder out = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            out.append(String.format(line)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** An option's description: one paragraph, with each {@code Example:} line starting a line of its own. */
    private static void text(StringBuilder out, String[] lines) {
        List<String> paragraph = new ArrayList<>();
        for (String line : String.join(" ", lines).split("(?=\\bExample:)")) {
            if (!paragraph.isEmpty()) {
                wrap(out, String.join(" ", paragraph), TEXT_INDENT);
                paragraph.clear();
            }
            paragraph.add(line.strip());
        }
        wrap(out, String.join(" ", paragraph), TEXT_INDENT);
    }

    /** Appends {@code text} wrapped at word boundaries to {@link #WIDTH}, every line starting with {@code indent}. */
    static void wrap(StringBuilder out, String text, String indent) {
        if (text.isBlank()) {
            return;
        }
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append(System.lineSeparator());
    }

    /** Options in alphabetical order of their longest name, ignoring dashes, as picocli sorts them. */
    private static String sortKey(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "").toLowerCase(java.util.Locale.ROOT);
    }
}

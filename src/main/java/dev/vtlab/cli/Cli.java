package dev.vtlab.cli;

import dev.vtlab.report.Style;
import dev.vtlab.threading.MissingScopeCodeException;
import dev.vtlab.threading.TaskFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the command line, wiring in one place how errors become exit codes and messages: a user's mistake is one
 * line on stderr and exit code 2; an environment problem one line and 4; a bug one line and 1 (the stack trace only
 * with {@code --stacktrace}).
 */
public final class Cli {

    private Cli() {
    }

    /** The real command line: stdout and stderr, colour if they are an interactive terminal. */
    public static CommandLine create() {
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return create(out, err, Style.detect(System.getenv(), System.console() != null));
    }

    /** For tests: the given writers, no colour. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, Style.plain());
    }

    static CommandLine create(PrintWriter out, PrintWriter err, Style style) {
        var factory = new CommandLine.IFactory() {
            private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == VtlabCommand.class ? cls.cast(new VtlabCommand(style)) : fallback.create(cls);
            }
        };
        CommandLine cli = new CommandLine(VtlabCommand.class, factory)
                .setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(style.ansi() ? Ansi.ON : Ansi.OFF))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setSubcommandsCaseInsensitive(true)
                .setParameterExceptionHandler(Cli::badUsage)
                .setExecutionExceptionHandler(Cli::failed);
        HelpLayout.install(cli);
        return cli;
    }

    /** A user's mistake: one line naming the option and what it accepts, then where to read more. */
    private static int badUsage(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            String elsewhere = elsewhere(unmatched.getUnmatched(), cmd);
            List<String> suggestions = closest(unmatched.getUnmatched(), cmd);
            if (!elsewhere.isEmpty()) {
                message += "; " + elsewhere;
            } else if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return ExitCode.USAGE.code();
    }

    /** Options that name the same idea in different lessons: the guard is --sync in counter, --lock in pinning. */
    private static final java.util.Map<String, String> SAME_IDEA = java.util.Map.of("--sync", "--lock",
            "--lock", "--sync");

    /**
     * For an option this command lacks: the lessons that have it ({@code --trials belongs to vtlab account}), and
     * this command's own name for the same idea ({@code here the guard is --lock}). Empty when neither applies.
     */
    static String elsewhere(List<String> unmatched, CommandLine cmd) {
        if (unmatched.isEmpty() || !unmatched.getFirst().startsWith("--") || cmd.getParent() == null) {
            return "";
        }
        String typed = unmatched.getFirst().split("=", 2)[0];
        List<String> owners = new ArrayList<>();
        for (CommandLine sibling : cmd.getParent().getSubcommands().values()) {
            if (sibling != cmd && !sibling.getCommandSpec().usageMessage().hidden()
                    && sibling.getCommandSpec().findOption(typed) != null
                    && !owners.contains(sibling.getCommandSpec().qualifiedName())) {
                owners.add(sibling.getCommandSpec().qualifiedName());
            }
        }
        String same = SAME_IDEA.get(typed);
        String here = same != null && cmd.getCommandSpec().findOption(same) != null
                ? "here it is " + same : "";
        if (owners.isEmpty()) {
            return here;
        }
        String belongs = typed + " belongs to " + String.join(" and ", owners);
        return here.isEmpty() ? belongs : belongs + "; " + here;
    }

    /**
     * The subcommands (for a word) or options (for a {@code -word}) nearest to the first unmatched argument, by edit
     * distance. picocli's own suggestions rank by shared letters and offered {@code account} for {@code countr}.
     */
    static List<String> closest(List<String> unmatched, CommandLine cmd) {
        if (unmatched.isEmpty()) {
            return List.of();
        }
        String typed = unmatched.getFirst().split("=", 2)[0];
        List<String> candidates = typed.startsWith("-")
                ? cmd.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
                : List.copyOf(cmd.getSubcommands().keySet());
        int best = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String candidate : candidates) {
            int d = editDistance(typed, candidate);
            if (d < best) {
                best = d;
                nearest.clear();
            }
            if (d == best) {
                nearest.add(candidate);
            }
        }
        return best <= Math.max(2, typed.length() / 3) ? nearest : List.of();
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int failed(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        ExitCode code;
        switch (ex) {
            case EnvironmentException env -> {
                err.println(name + ": " + env.getMessage());
                code = ExitCode.ENVIRONMENT;
            }
            case MissingScopeCodeException missing -> { // the jar was built without this JDK's scope code
                err.println(name + ": " + missing.getMessage());
                code = ExitCode.ENVIRONMENT;
            }
            case TaskFailedException task -> {
                err.println(name + ": a task failed unexpectedly: " + task.getCause());
                code = ExitCode.SOFTWARE;
            }
            case InterruptedException interrupted -> {
                err.println(name + ": interrupted");
                code = ExitCode.SOFTWARE;
            }
            default -> {
                err.println(name + ": internal error: " + ex + " (run again with --stacktrace for details)");
                code = ExitCode.SOFTWARE;
            }
        }
        if (stacktrace(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /**
     * Whether {@code --stacktrace} was given, as picocli parsed it: before the lesson or after it (the option is
     * inherited, so it belongs to whichever command it followed), and with its value ({@code --stacktrace=false}).
     * Scanning the raw arguments saw neither and took a lesson's argument that happened to read "--stacktrace".
     */
    private static boolean stacktrace(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.matchedOptionValue("--stacktrace", false)) {
                return true;
            }
        }
        return false;
    }
}

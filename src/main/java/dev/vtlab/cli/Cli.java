package dev.vtlab.cli;

import dev.vtlab.report.Style;
import dev.vtlab.threading.MissingScopeCodeException;
import dev.vtlab.threading.TaskFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Builds the command line, wiring in one place how errors become exit codes and messages: a user's mistake is one
 * line on stderr and exit code 2; an environment problem one line and 4; a bug one line and 1 (the stack trace only
 * with {@code --stacktrace}).
 */
public final class Cli {

    private Cli() {
    }

    /**
     * The real command line for these arguments: stdout and stderr, colour if they are an interactive terminal, and
     * the progress line of long runs if stderr is one ({@link ProgressLine.Mode#detect}). It also becomes the JVM's
     * default handler of uncaught exceptions: a thread the command does not own (Flight Recorder's periodic task,
     * say) that dies of an OutOfMemoryError says so in one line, once, instead of a stack trace, and the run then
     * exits 4. Only this command line stops a lesson on Ctrl-C to print what it finished ({@link StopOnSignal}):
     * the others run inside a JVM whose signals belong to someone else (a test, {@code vtlab course}).
     *
     * <p>Only the command the arguments name is built whole; every other one gets its name and header, all the
     * lesson list shows of it. picocli builds a command's model (options, converters, completion candidates, help
     * sections) by reflection when the command is added, and building all eight cost every start tens of
     * milliseconds and hundreds of classes (BENCH.md, start-up). The name is the first argument that is not an
     * option (the top level's options take no separate value); {@code completion} prints every command's options,
     * so it builds them all, and a usage error builds them all to say which lesson an option belongs to.
     */
    public static CommandLine create(String... args) {
        return create(new AtomicBoolean(), args);
    }

    private static CommandLine create(AtomicBoolean outOfMemory, String... args) {
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught(thread, e, err, outOfMemory));
        return forArguments(out, err, Style.detect(System.getenv(), System.console() != null),
                ProgressLine.Mode.detect(System.getenv(), ProgressLine.Mode.stderrIsTerminal()), true, outOfMemory,
                args);
    }

    /**
     * The JVM's command: {@link #create(String...)} and {@code execute}, and its exit code. An OutOfMemoryError that
     * escapes even the command's error handling (in a heap so small that saying so, or stopping the recording, ran
     * out again) still ends the run with exit code 4, said in one line if it was not said yet, not with the JVM's
     * uncaught-exception exit code 1.
     */
    public static int execute(String... args) {
        var outOfMemory = new AtomicBoolean();
        try {
            return create(outOfMemory, args).execute(args);
        } catch (RuntimeException | Error e) { // or wrapped: by picocli, when saying it ran out again
            OutOfMemoryError oom = outOfMemory(e);
            if (oom == null) {
                throw e;
            }
            if (!outOfMemory.getAndSet(true)) {
                try {
                    System.err.println("vtlab: " + outOfMemoryAdvice(oom, "vtlab"));
                } catch (OutOfMemoryError again) {
                    // nothing more can be said; the exit code says it
                }
            }
            return ExitCode.ENVIRONMENT.code();
        }
    }

    /** {@link #create(String...)} with these writers and style, and no progress line. */
    static CommandLine forArguments(PrintWriter out, PrintWriter err, Style style, String... args) {
        return forArguments(out, err, style, ProgressLine.Mode.OFF, false, new AtomicBoolean(), args);
    }

    private static CommandLine forArguments(PrintWriter out, PrintWriter err, Style style, ProgressLine.Mode progress,
                                            boolean signals, AtomicBoolean outOfMemory, String... args) {
        String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        return create(out, err, style, progress, signals,
                named.equalsIgnoreCase("completion") ? name -> true : named::equalsIgnoreCase, outOfMemory);
    }

    /** For tests: the given writers, no colour, no progress line, every command built whole. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, Style.plain());
    }

    static CommandLine create(PrintWriter out, PrintWriter err, Style style) {
        return create(out, err, style, new AtomicBoolean());
    }

    static CommandLine create(PrintWriter out, PrintWriter err, Style style, AtomicBoolean outOfMemory) {
        return create(out, err, style, ProgressLine.Mode.OFF, false, name -> true, outOfMemory);
    }

    /**
     * @param progress    whether a long run draws its progress line on stderr
     * @param signals     whether a lesson stopped by Ctrl-C or SIGTERM prints what it finished (this JVM's signals
     *                    are the command's)
     * @param whole       which commands, by name, get their whole model; the others only a name and a header
     * @param outOfMemory set once an OutOfMemoryError has been reported, by {@link #failed} or {@link #uncaught}
     *                    (from any thread, hence atomic): it is reported once, and the run exits 4
     */
    private static CommandLine create(PrintWriter out, PrintWriter err, Style style, ProgressLine.Mode progress,
                                      boolean signals, Predicate<String> whole, AtomicBoolean outOfMemory) {
        var factory = new CommandLine.IFactory() {
            private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == VtlabCommand.class ? cls.cast(new VtlabCommand(style, progress, signals))
                        : fallback.create(cls);
            }
        };
        CommandLine cli = new CommandLine(VtlabCommand.class, factory);
        for (Class<?> command : VtlabCommand.COMMANDS) {
            Command about = command.getAnnotation(Command.class);
            if (whole.test(about.name())) {
                cli.addSubcommand(about.name(), command);
            } else {
                CommandSpec named = CommandSpec.create().name(about.name());
                named.usageMessage().header(about.header()).hidden(about.hidden());
                cli.addSubcommand(about.name(), named);
            }
        }
        // After the subcommands: picocli applies these to the subcommands it has at the time.
        cli.setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(style.ansi() ? Ansi.ON : Ansi.OFF))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setSubcommandsCaseInsensitive(true)
                .setParameterExceptionHandler(Cli::badUsage)
                .setExecutionStrategy(parsed -> run(parsed, outOfMemory))
                .setExecutionExceptionHandler((ex, cmd, parsed) -> failed(ex, cmd, parsed, outOfMemory));
        HelpLayout.install(cli);
        return cli;
    }

    /**
     * picocli's usual strategy (run the last subcommand), plus one thing: an {@link Error} the command throws, such as
     * an {@link OutOfMemoryError}, reaches {@link #failed} as an exception does, instead of escaping {@code execute}
     * as a stack trace. Rejected: {@code -XX:+ExitOnOutOfMemoryError}, which exits at the first OutOfMemoryError
     * without running shutdown hooks (the recording's {@code .part} files stay behind) and with exit code 3, which
     * here means FORBIDDEN. A command that ends normally after another thread ran out of memory exits 4: its figures
     * were made in a JVM that was short of memory.
     */
    private static int run(ParseResult parsed, AtomicBoolean outOfMemory) {
        try {
            int code = new CommandLine.RunLast().execute(parsed);
            return outOfMemory.get() ? ExitCode.ENVIRONMENT.code() : code;
        } catch (Error e) {
            ParseResult last = parsed;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.toString(), e);
        }
    }

    /** A user's mistake: one line naming the option and what it accepts, then where to read more. */
    private static int badUsage(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            String elsewhere = elsewhere(unmatched.getUnmatched(), whole(cmd));
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

    /** The same command in a command line whose commands are all built whole, as {@link #elsewhere} needs. */
    private static CommandLine whole(CommandLine cmd) {
        if (cmd.getParent() == null) {
            return cmd;
        }
        CommandLine all = create(cmd.getOut(), cmd.getErr(), Style.plain());
        return all.getSubcommands().get(cmd.getCommandSpec().name());
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

    private static int failed(Exception ex, CommandLine cmd, ParseResult parsed, AtomicBoolean outOfMemorySaid) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        ExitCode code;
        switch (ex) {
            case Exception e when outOfMemory(e) != null -> {
                if (!outOfMemorySaid.getAndSet(true)) {
                    err.println(name + ": " + outOfMemoryAdvice(outOfMemory(e), name));
                }
                code = ExitCode.ENVIRONMENT;
            }
            case CommandLine.ExecutionException error when error.getCause() instanceof Error cause -> {
                err.println(name + ": internal error: " + cause + " (run again with --stacktrace for details)");
                code = ExitCode.SOFTWARE;
            }
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
        for (Throwable suppressed : ex.getSuppressed()) {
            if (suppressed instanceof EnvironmentException env) { // say the recording went wrong too
                err.println(name + ": " + env.getMessage());
            }
        }
        if (stacktrace(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /**
     * The JVM's default handler of uncaught exceptions, for threads that have none. An OutOfMemoryError is one line,
     * said once; anything else is printed as the JVM would without a handler.
     */
    static void uncaught(Thread thread, Throwable e, PrintWriter err, AtomicBoolean outOfMemorySaid) {
        OutOfMemoryError oom = outOfMemory(e);
        if (oom == null) {
            err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(err);
            err.flush();
            return;
        }
        StopOnSignal.outOfMemoryElsewhere(oom); // first, and without allocating: the lesson may wait for this thread
        if (!outOfMemorySaid.getAndSet(true)) {
            try {
                err.println("vtlab: " + outOfMemoryAdvice(oom, "vtlab") + " (in thread '" + thread.getName() + "')");
                err.flush();
            } catch (OutOfMemoryError again) {
                outOfMemorySaid.set(false); // no heap even for the line: the command's thread says it, later
            }
        }
    }

    /**
     * The {@link OutOfMemoryError} behind {@code ex}, if any: thrown by the command itself, or by one of its tasks
     * and so wrapped (an {@code ExecutionException}, a {@link TaskFailedException}, picocli's wrapper of an Error).
     */
    static OutOfMemoryError outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** One line: what ran out, and how to give more or ask for less. */
    static String outOfMemoryAdvice(OutOfMemoryError oom, String command) {
        String what = oom.getMessage() == null ? "" : oom.getMessage();
        String rerun = " " + command.replaceFirst("^vtlab", "./vtlab") + " ...";
        if (what.contains("native thread")) {
            return "out of memory: the operating system refused another thread (" + what + "); use virtual threads"
                    + " (--threads virtual), fewer tasks, or a higher limit (ulimit -u)";
        }
        if (what.startsWith("Metaspace")) {
            return "out of memory: Metaspace is full; give the JVM more, e.g. VTLAB_JAVA_OPTS=-XX:MaxMetaspaceSize=1g"
                    + rerun;
        }
        if (what.startsWith("Direct buffer")) {
            return "out of memory: direct buffer memory is full; give the JVM more, e.g."
                    + " VTLAB_JAVA_OPTS=-XX:MaxDirectMemorySize=1g" + rerun;
        }
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "out of memory (" + (what.isEmpty() ? "Java heap space" : what) + "): the Java heap holds at most "
                + maxMb + " MB; give the JVM more, e.g. VTLAB_JAVA_OPTS=-Xmx2g" + rerun + ", or ask for fewer"
                + " trials or tasks";
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

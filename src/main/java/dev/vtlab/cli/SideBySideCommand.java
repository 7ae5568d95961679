package dev.vtlab.cli;

import dev.vtlab.bench.JvmLaunch;
import dev.vtlab.report.HtmlRenderer;
import dev.vtlab.report.JsonRenderer;
import dev.vtlab.report.Page;
import dev.vtlab.report.PageJson;
import dev.vtlab.report.SideBySideView;
import dev.vtlab.report.SideBySideView.JdkRun;
import dev.vtlab.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./vtlab --jdk 21,25 LESSON [OPTIONS]}: the launcher finds or obtains each JDK, then runs this hidden
 * command on JDK 21 with each JDK's home. It runs the lesson once per JDK, one after the other, each in a fresh JVM
 * of that JDK with the same options ({@code --format json} with the page's blocks, which only vtlab reads), and sets
 * the results side by side in the format asked for: each JDK's result as it would have printed it, then a table of
 * every run per JDK, what differs and why ({@link SideBySideView}). {@code --jfr} records each JDK's run into its own
 * file, named after the release ({@code run.jfr} becomes {@code run-jdk21.jfr} and {@code run-jdk25.jfr}).
 *
 * <p>One after the other, not at once: on 2 cores two lessons at once would each measure the other. Exit code: the
 * most serious of the JDKs' (stopped, then a failure of the lab, the environment, bad usage, FORBIDDEN).
 */
@Command(name = "side-by-side", hidden = true,
        description = "Internal: what ./vtlab --jdk 21,25 LESSON runs. Use that instead.")
final class SideBySideCommand implements Callable<Integer> {

    static final Set<String> LESSONS = Set.of("counter", "account", "pinning", "failure");

    /** How long Ctrl-C waits for the running child to save its recording and print what it has. */
    private static final long STOP_WAIT_SECONDS = 20;

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @Option(names = "--home", paramLabel = "N=HOME", required = true,
            description = "A JDK release and its home, once per JDK, in order.")
    List<String> homes;

    @Parameters(paramLabel = "LESSON", arity = "1..*", description = "The lesson and its options.")
    List<String> args;

    private record Jdk(int release, Path home) {
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        List<Jdk> jdks = jdks();
        List<String> lessonArgs = new ArrayList<>(args);
        String lesson = lessonArgs.getFirst().toLowerCase(Locale.ROOT);
        if (!LESSONS.contains(lesson)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--jdk': with several JDKs"
                    + " it runs a lesson on each (counter, account, pinning or failure), not '"
                    + lessonArgs.getFirst() + "'");
        }
        if (lessonArgs.stream().anyMatch(a -> Set.of("-h", "--help", "-V", "--version", "--code").contains(a))) {
            // Nothing to compare: the help and the code are the same on every JDK; the first JDK answers.
            return child(jdks.getFirst(), lessonArgs, false).exitCode();
        }
        if (lessonArgs.stream().anyMatch(a -> a.equals("--metrics") || a.startsWith("--metrics="))) {
            throw new ParameterException(spec.commandLine(), "--metrics measures one JVM; with --jdk "
                    + releases(jdks) + " use --jfr (one recording per JDK), or run each JDK alone with --jdk N");
        }
        Format format = takeFormat(lessonArgs);
        Jfr jfr = takeJfr(lessonArgs, lesson);

        PrintWriter err = spec.commandLine().getErr();
        List<JdkRun> runs = new ArrayList<>();
        var running = new AtomicReference<Process>();
        var rendered = new CountDownLatch(1);
        // Ctrl-C reaches the child too (one process group): it saves its recording and prints what it measured.
        // This JVM waits for that, and for the result below to be printed, before it exits.
        Thread stop = new Thread(() -> {
            try {
                Process child = running.get();
                if (child != null) {
                    child.toHandle().destroy();
                    child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
                rendered.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vtlab side-by-side stopper");
        Runtime.getRuntime().addShutdownHook(stop);
        boolean interrupted = false;
        try {
            for (Jdk jdk : jdks) {
                List<String> childArgs = new ArrayList<>(lessonArgs);
                childArgs.add("--format");
                childArgs.add("json");
                String recording = jfr.fileFor(jdk.release());
                if (recording != null) {
                    childArgs.add("--jfr=" + recording);
                }
                err.println("vtlab: running " + lesson + " on JDK " + jdk.release() + " (" + jdk.home() + ")...");
                err.flush();
                Result r = child(jdk, childArgs, true, running);
                Page page = null;
                if (!r.stdout().isBlank()) {
                    try {
                        page = PageJson.read(r.stdout());
                    } catch (IOException e) {
                        err.println("vtlab: JDK " + jdk.release() + "'s result could not be read: " + e.getMessage());
                    }
                }
                if (page == null && r.exitCode() == ExitCode.USAGE.code()) {
                    return r.exitCode(); // the child said what was wrong; the next JDK would say it again
                }
                runs.add(new JdkRun(jdk.release(), jdk.home().toString(), r.exitCode(),
                        recording != null && Files.isRegularFile(Path.of(recording)) ? recording : null, page));
                if (r.exitCode() == 130 || r.exitCode() == 143 || (page != null && page.interrupted())) {
                    interrupted = true;
                    break;
                }
            }
            List<Integer> notRun = jdks.subList(runs.size(), jdks.size()).stream().map(Jdk::release).toList();
            var view = new SideBySideView(lesson, command(), runs, interrupted, notRun);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case TEXT -> new TextRenderer(out, parent.style()).render(view.page(true).blocks());
                case JSON -> JsonRenderer.writeValue(out, view.document());
                case HTML -> HtmlRenderer.write(out, view.page(false));
            }
            out.flush();
            return exitCode(runs.stream().map(JdkRun::exitCode).toList(), interrupted);
        } finally {
            rendered.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for the latch just counted down
            }
        }
    }

    /** The most serious of the JDKs' exit codes: stopped, the lab failed, environment, usage, FORBIDDEN, done. */
    static int exitCode(List<Integer> codes, boolean interrupted) {
        for (int serious : List.of(130, 143, ExitCode.SOFTWARE.code(), ExitCode.ENVIRONMENT.code(),
                ExitCode.USAGE.code(), ExitCode.FORBIDDEN.code())) {
            if (codes.contains(serious)) {
                return serious;
            }
        }
        if (interrupted) {
            return 130;
        }
        return codes.stream().filter(c -> c != 0).findFirst().orElse(ExitCode.OK.code());
    }

    /** The command that repeats this run, as the user typed it. */
    private String command() {
        return "./vtlab --jdk " + releases(jdks()) + " "
                + String.join(" ", args.stream().map(LessonRunner::quote).toList());
    }

    private String releases(List<Jdk> jdks) {
        return String.join(",", jdks.stream().map(j -> Integer.toString(j.release())).toList());
    }

    private List<Jdk> jdks() {
        List<Jdk> jdks = new ArrayList<>();
        for (String h : homes) {
            int eq = h.indexOf('=');
            try {
                Path home = Path.of(h.substring(eq + 1));
                if (eq <= 0 || !Files.isExecutable(home.resolve("bin/java"))) {
                    throw new IllegalArgumentException();
                }
                jdks.add(new Jdk(Integer.parseInt(h.substring(0, eq)), home));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--home': expected"
                        + " N=HOME, a release and a JDK's home with bin/java, not '" + h + "'");
            }
        }
        return jdks;
    }

    /** Removes {@code --format X} from the lesson's options and returns it (text if none). */
    private Format takeFormat(List<String> lessonArgs) {
        String value = take(lessonArgs, "--format");
        if (value == null) {
            return Format.TEXT;
        }
        return Arrays.stream(Format.values()).filter(f -> f.cliName().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "Invalid value for option '--format':"
                        + " '" + value + "'; use one of text, json, html"));
    }

    /**
     * Removes an option and its value ({@code --name=V} or {@code --name V}) and returns the value: "" for a bare
     * {@code --name} followed by another option or nothing, null if it is absent.
     */
    private static String take(List<String> lessonArgs, String name) {
        for (int i = 0; i < lessonArgs.size(); i++) {
            String a = lessonArgs.get(i);
            if (a.startsWith(name + "=")) {
                lessonArgs.remove(i);
                return a.substring(name.length() + 1);
            }
            if (a.equals(name)) {
                lessonArgs.remove(i);
                if (i < lessonArgs.size() && !lessonArgs.get(i).startsWith("-")) {
                    return lessonArgs.remove(i);
                }
                return "";
            }
        }
        return null;
    }

    /** {@code --jfr} as given: no recording, the default name, or a file; each JDK gets its own. */
    private record Jfr(String lesson, String file, String time) {
        String fileFor(int release) {
            if (file == null) {
                return null;
            }
            if (file.isEmpty()) {
                return JfrOptions.FOLDER.resolve(lesson + "-" + time + "-jdk" + release + ".jfr").toString();
            }
            return file.endsWith(".jfr") ? file.substring(0, file.length() - 4) + "-jdk" + release + ".jfr"
                    : file + "-jdk" + release;
        }
    }

    private Jfr takeJfr(List<String> lessonArgs, String lesson) throws IOException {
        String file = take(lessonArgs, "--jfr");
        if (file != null && file.isEmpty()) {
            Files.createDirectories(JfrOptions.FOLDER); // the default folder, as a lesson's own --jfr makes it
        }
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return new Jfr(lesson, file, time);
    }

    private record Result(int exitCode, String stdout) {
    }

    private Result child(Jdk jdk, List<String> childArgs, boolean capture) throws InterruptedException {
        return child(jdk, childArgs, capture, new AtomicReference<>());
    }

    /**
     * Runs vtlab on that JDK with these arguments: stderr and stdin are this JVM's, stdout is captured whole when
     * {@code capture} (the child's JSON), else this JVM's too.
     */
    private Result child(Jdk jdk, List<String> childArgs, boolean capture, AtomicReference<Process> running)
            throws InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("-Xshare:auto", "-D" + PageJson.WITH_BLOCKS + "=true"));
        String opts = System.getenv("VTLAB_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            jvm.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        var launch = new JvmLaunch(jdk.home().resolve("bin/java").toString(), jvm, childArgs);
        var builder = launch.processBuilder().redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!capture) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot start JDK " + jdk.release() + "'s java (" + launch.java() + "): "
                    + e.getMessage());
        }
        running.set(process);
        var stdout = new AtomicReference<>("");
        Thread reader = Thread.ofPlatform().name("vtlab side-by-side reader").daemon().start(() -> {
            try (InputStream in = process.getInputStream()) {
                stdout.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stdout.set("");
            }
        });
        int code = process.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        running.set(null);
        return new Result(code, stdout.get());
    }
}

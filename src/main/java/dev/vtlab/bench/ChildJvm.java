package dev.vtlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one row in a fresh JVM, so that JIT state, heap and threads of one row do not leak into the next. The child
 * is vtlab launched again ({@link JvmLaunch}: same {@code java}, same class path, {@code --enable-preview}),
 * running the hidden {@code bench-child} command.
 */
public final class ChildJvm {

    static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    /** How HotSpot exits under {@link #EXIT_ON_OOM}. */
    static final int OUT_OF_MEMORY = 3;

    /** What the java launcher prints when it cannot create the JVM (heap too large, bad option); it then exits 1. */
    static final String NO_JVM = "Could not create the Java Virtual Machine";

    private final List<String> command;

    /** A child started with this command line: {@link JvmLaunch#command()}, or in tests a stand-in program. */
    ChildJvm(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** The child for one row. */
    static ChildJvm forRow(String java, Config config, int warmup, int runs) {
        List<String> args = new ArrayList<>(List.of("bench-child", config.suite().cliName(),
                "--warmup", Integer.toString(warmup), "--runs", Integer.toString(runs)));
        config.params().forEach((k, v) -> args.add(k + "=" + v));
        // An OutOfMemoryError (heap, or "unable to create native thread") ends the child at once with exit code 3,
        // which tells it apart from a vtlab bug (an uncaught exception exits 1).
        return new ChildJvm(new JvmLaunch(java, List.of(EXIT_ON_OOM), args).command());
    }

    /** A child that failed: its exit code, the last lines of its stderr, and whose fault it was. */
    public static final class ChildFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;
        private final boolean labBug;

        ChildFailedException(String message, int exitCode, boolean labBug) {
            super(message);
            this.exitCode = exitCode;
            this.labBug = labBug;
        }

        public int exitCode() {
            return exitCode;
        }

        /**
         * True if vtlab in the child failed: exit 1 (an unexpected exception) from a JVM that did start, exit 2
         * (arguments the parent built wrong), or exit 0 without a result (the line protocol broke). False if the
         * machine did: the JVM could not be created, ran out of memory (exit 3), reported its environment (4) or
         * was killed by a signal (128 + n).
         */
        public boolean isLabBug() {
            return labBug;
        }
    }

    /**
     * Starts the child, hands it to {@code started} (so that a Ctrl-C can destroy it), reads its lines until it
     * exits, and returns what it measured.
     */
    Row run(Config config, Consumer<Process> started)
            throws IOException, InterruptedException, ChildFailedException {
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).start();
        started.accept(process);
        var errors = new StringBuffer(); // appended by the drain thread; read after it is joined
        Thread drain = Thread.ofVirtual().start(() -> {
            var stderr = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8);
            try (var err = new BufferedReader(stderr)) {
                String l;
                while ((l = err.readLine()) != null) {
                    errors.append(l).append('\n');
                }
            } catch (IOException e) {
                errors.append("(stderr unreadable: ").append(e.getMessage()).append(")\n");
            }
        });
        List<Sample> warmups = new ArrayList<>();
        List<Sample> runs = new ArrayList<>();
        long rss = -1;
        int code;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int space = line.indexOf(' ');
                String kind = space < 0 ? line : line.substring(0, space);
                String rest = space < 0 ? "" : line.substring(space + 1);
                switch (kind) {
                    case "warmup" -> warmups.add(Sample.parse(rest));
                    case "run" -> runs.add(Sample.parse(rest));
                    case "end" -> rss = Sample.parse(rest).get("peak_rss_kb");
                    default -> errors.append("(unexpected line: ").append(line).append(")\n");
                }
            }
            code = process.waitFor();
        } finally {
            // On the normal path the child has exited and this is a no-op. On a failure here (an unreadable pipe, a
            // line Sample.parse rejects, an interrupt in waitFor) the child must not outlive the run; once it is
            // dead its stderr ends, so the drain thread ends too.
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Reaper.join(drain);
        }
        if (code != 0 || rss == -1 && runs.isEmpty()) {
            String tail = errors.toString().strip();
            String[] lines = tail.split("\n");
            String last = String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3),
                    lines.length));
            boolean labBug = code == 0 || code == 2 || code == 1 && !tail.contains(NO_JVM);
            throw new ChildFailedException("the child JVM for '" + config.label() + "' exited with " + code
                    + (code == OUT_OF_MEMORY ? " (out of memory)" : code > 128 ? " (signal " + (code - 128) + ")" : "")
                    + (last.isEmpty() ? "" : ": " + last), code, labBug);
        }
        return new Row(config, warmups, runs, rss, Duration.ofNanos(System.nanoTime() - begin));
    }

}

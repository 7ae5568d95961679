package dev.vtlab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * vtlab in its own JVM, for what a test cannot do in-process: signals, a small heap, another working directory. The
 * child runs this JVM's {@code java} and class path; its stdout and stderr are read line by line as they come, so a
 * test can wait for a marker line and then act. Every wait is bounded; {@link #close()} kills a child still running.
 *
 * <p><b>Memory visibility.</b> The reader threads append to the line lists under their monitors; the test thread
 * reads them under the same monitors, and after {@link #waitFor} has joined the readers.
 */
public final class ChildVtlab implements AutoCloseable {

    /** How a test stops the child. */
    public enum Stop {
        /** Ctrl-C: the JVM exits with 130. */
        SIGINT(130),
        /** {@code kill PID}: the JVM exits with 143. */
        SIGTERM(143);

        private final int exitCode;

        Stop(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The JVM's own exit code after this signal. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Process process;
    private final List<String> out = new ArrayList<>(); // guarded by itself; appended by the stdout reader
    private final List<String> err = new ArrayList<>(); // guarded by itself; appended by the stderr reader
    private final Thread outReader;
    private final Thread errReader;

    private ChildVtlab(Process process) {
        this.process = process;
        this.outReader = Thread.ofPlatform().daemon().name("child stdout").start(() -> read(process.getInputStream(),
                out));
        this.errReader = Thread.ofPlatform().daemon().name("child stderr").start(() -> read(process.getErrorStream(),
                err));
    }

    /**
     * Starts {@code vtlab ARGS} with {@code jvmOptions}, in {@code directory}. {@code signalable} makes a SIGINT reach
     * it: a process started in the background (as Maven's test JVM may be) inherits SIGINT ignored, and a JVM keeps an
     * ignored SIGINT ignored, so perl (in every Debian base system) restores the default and then execs java.
     */
    public static ChildVtlab start(Path directory, boolean signalable, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (signalable) {
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "--"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-preview");
        command.add("-XX:TieredStopAtLevel=1"); // C1 only: starts faster, and a child's work is a second or two
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vtlab.Main"));
        command.addAll(List.of(args));
        return new ChildVtlab(new ProcessBuilder(command).directory(directory.toFile()).start());
    }

    /** Waits (at most {@code timeout}) until a line on stdout or stderr passes {@code test}; fails the test if not. */
    public String awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Taken before the scan: once both readers have ended, a scan that finds nothing is final.
            boolean ended = !outReader.isAlive() && !errReader.isAlive();
            for (List<String> lines : List.of(out, err)) {
                synchronized (lines) {
                    for (String line : lines) {
                        if (test.test(line)) {
                            return line;
                        }
                    }
                }
            }
            if (ended || System.nanoTime() > deadline) {
                throw new AssertionError("no such line " + (ended ? "before the child ended" : "within " + timeout)
                        + "; it wrote:\n" + output());
            }
            synchronized (err) {
                err.wait(10); // woken by the stderr reader's notifyAll; the bound covers a line on stdout
            }
        }
    }

    /** Sends {@code stop} to the child. */
    public void signal(Stop stop) throws IOException, InterruptedException {
        switch (stop) {
            case SIGINT -> {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
                if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new AssertionError("kill -INT " + process.pid() + " failed");
                }
            }
            // Not Process.destroy(): it also closes the pipes, and the lines the child prints as it exits are lost.
            case SIGTERM -> process.toHandle().destroy();
        }
    }

    /** Waits (at most {@code timeout}) for the child to exit and its output to be read; its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not exit within " + timeout + "; it wrote:\n" + output());
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Everything the child wrote on stdout so far. */
    public String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    /** Everything the child wrote on stderr so far. */
    public String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    /** stdout, then stderr, for failure messages. */
    public String output() {
        return "--- stdout:\n" + out() + "\n--- stderr:\n" + err();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void read(InputStream stream, List<String> lines) {
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("(reading the child's output failed: " + e + ")");
            }
        }
    }
}

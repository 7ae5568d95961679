package dev.vtlab.cli;

import dev.vtlab.bench.JvmLaunch;
import dev.vtlab.report.PageJson;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same vtlab command again in a fresh JVM ({@link JvmLaunch}) with extra JVM options, relaying its output
 * line by line and returning its exit code. For settings the JVM reads once, before the code that needs them runs,
 * such as the
 * virtual-thread scheduler's parallelism: it is fixed when the first virtual thread is created, which in this JVM
 * may already have happened (a test suite, an earlier lesson).
 *
 * <p>If this JVM is stopped (Ctrl-C, SIGTERM) while the child runs, a shutdown hook stops the child the same way
 * (SIGTERM) and waits for it, so the child's own hooks, such as saving a recording, run too; then it waits for the
 * relays, so the child's last lines (such as where the recording went) are printed before this JVM halts.
 */
final class ChildJvm {

    private static final long STOP_WAIT_SECONDS = 15;

    /** How long a stopped child's last lines may take to be relayed once it has exited. */
    private static final long RELAY_WAIT_MILLIS = 2_000;

    private ChildJvm() {
    }

    static int rerun(CommandSpec spec, List<String> jvmOptions) throws InterruptedException {
        return rerun(spec, jvmOptions, spec.commandLine().getParseResult().originalArgs());
    }

    /** The same, with other arguments: a command that settled a default (a folder named by the time) passes it on. */
    static int rerun(CommandSpec spec, List<String> jvmOptions, List<String> args) throws InterruptedException {
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        if (Boolean.getBoolean(PageJson.WITH_BLOCKS)) {
            options.add("-D" + PageJson.WITH_BLOCKS + "=true"); // a side-by-side run reads this JVM's page
        }
        var launch = JvmLaunch.of(options, args);
        Process child;
        try {
            child = launch.processBuilder().redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot start a JVM for this lesson (" + launch.java() + "): " + e);
        }
        Thread out = relay(child.getInputStream(), spec.commandLine().getOut());
        Thread err = relay(child.getErrorStream(), spec.commandLine().getErr());
        Thread stopChild = new Thread(() -> {
            child.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipes the relays read
            try {
                child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                // The child's last lines (where its recording went) may still be in the pipes; this JVM halts as
                // soon as its hooks return, relays or not.
                out.join(RELAY_WAIT_MILLIS);
                err.join(RELAY_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vtlab child JVM stopper");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            int code = child.waitFor();
            out.join();
            err.join();
            return code;
        } catch (InterruptedException e) {
            child.destroy();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it stops the child
            }
        }
    }

    /** Copies lines as they come, so the lesson's narrative shows while it happens. Ends at the child's exit. */
    private static Thread relay(InputStream from, PrintWriter to) {
        return Thread.ofPlatform().name("vtlab child JVM relay").daemon().start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    to.println(line);
                    to.flush();
                }
            } catch (IOException e) {
                // The pipe closes under us when the child is stopped (Ctrl-C, SIGTERM): its output has ended,
                // and nothing is lost that the child had written. Not an error worth a stack trace.
            }
        });
    }
}

package dev.vtlab.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The child JVM's side of a row: warm-up runs, then timed runs, each reported as one line, then the JVM's peak
 * resident set. The parent reads the lines ({@link ChildJvm}); nothing else is printed on stdout.
 *
 * <pre>
 *   warmup wall_ns=... key=value ...
 *   run wall_ns=... key=value ...
 *   end peak_rss_kb=...
 * </pre>
 */
public final class Child {

    private Child() {
    }

    public static void run(Suite suite, Map<String, String> params, int warmup, int runs, Consumer<String> line)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            line.accept("warmup " + suite.measure(params).toLine());
        }
        for (int i = 0; i < runs; i++) {
            line.accept("run " + suite.measure(params).toLine());
        }
        line.accept("end peak_rss_kb=" + peakRssKb());
    }

    /** VmHWM from /proc/self/status: the most resident memory this JVM has had, in kB; -1 without /proc. */
    static long peakRssKb() {
        return WholeProcess.vmHwmKb(Path.of("/proc/self/status"));
    }
}

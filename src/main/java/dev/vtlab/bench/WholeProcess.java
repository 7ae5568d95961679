package dev.vtlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One program run as a whole process, for {@code bench trials} and {@code bench start}: the wall time from just
 * before it is started to its exit, its peak resident set, its exit code and what it printed. Started by the row's
 * child JVM, which is only the driver: it waits, and runs nothing of its own while the program runs.
 *
 * <p>The peak resident set is VmHWM from {@code /proc/PID/status}, read every {@link #POLL_MILLIS} ms while the
 * program runs, the last reading kept (VmHWM only grows, and a program that has exited has no VmHWM any more, so
 * growth in its last few milliseconds can be missed). A launcher script that {@code exec}s java keeps its pid, so the
 * figure is java's. -1 where there is no {@code /proc}.
 *
 * @param wallNanos from before {@code start()} to the end of {@code waitFor()}
 * @param peakRssKb VmHWM in kB, or -1
 */
record WholeProcess(long wallNanos, long peakRssKb, int exitCode, String stdout, String stderr) {

    static final long POLL_MILLIS = 5;

    /** Runs {@code command} with these variables added to this JVM's environment, and waits for it. */
    static WholeProcess run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        var rss = new PeakRss(process.pid());
        Thread poller = Thread.ofPlatform().daemon().name("vtlab-bench-rss").start(rss);
        var errors = new StringBuffer(); // appended by the drain thread; read after it is joined
        Thread drain = Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = err.readLine(); l != null; l = err.readLine()) {
                    errors.append(l).append('\n');
                }
            } catch (IOException e) {
                errors.append("(stderr unreadable: ").append(e.getMessage()).append(")\n");
            }
        });
        String out;
        int code;
        long wall;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            code = process.waitFor();
            wall = System.nanoTime() - start;
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Reaper.interruptAndJoin(List.of(poller));
            Reaper.join(drain);
        }
        return new WholeProcess(wall, rss.peak(), code, out, errors.toString());
    }

    /** The last few lines of stderr, for an error message. */
    String stderrTail() {
        String[] lines = stderr.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }

    /**
     * Reads VmHWM every few milliseconds until interrupted or the process is gone. Each reading is one read into a
     * buffer kept for the run, parsed by hand: the first version read the file as a list of lines and parsed the line
     * with a regular expression, and those 200 readings a second slowed the lab's 10,000-task counter run by a
     * quarter (489 against 380 ms in-process, BENCH.md §4).
     */
    private static final class PeakRss implements Runnable {
        private final Path status;
        private final ByteBuffer buffer = ByteBuffer.allocate(8192); // the poller's only
        private volatile long peak = -1; // written by the poller thread; read by the runner after join()

        PeakRss(long pid) {
            status = Path.of("/proc", Long.toString(pid), "status");
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long kb = vmHwmKb(status, buffer);
                    if (kb > peak) {
                        peak = kb;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                // the process has exited: interruption is how the runner stops the poller
                Thread.currentThread().interrupt();
            }
        }

        long peak() {
            return peak;
        }
    }

    /** VmHWM of a {@code /proc/PID/status}, in kB; -1 if it cannot be read (gone, exited, no /proc). */
    static long vmHwmKb(Path status) {
        return vmHwmKb(status, ByteBuffer.allocate(8192));
    }

    private static final byte[] VM_HWM = "\nVmHWM:".getBytes(StandardCharsets.US_ASCII);

    private static long vmHwmKb(Path status, ByteBuffer buffer) {
        buffer.clear();
        try (var channel = FileChannel.open(status)) {
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // /proc files are made whole on the first read; loop for the rare short one
            }
        } catch (IOException e) {
            return -1;
        }
        byte[] bytes = buffer.array();
        int end = buffer.position();
        outer:
        for (int i = 0; i + VM_HWM.length <= end; i++) {
            for (int j = 0; j < VM_HWM.length; j++) {
                if (bytes[i + j] != VM_HWM[j]) {
                    continue outer;
                }
            }
            long kb = 0;
            boolean digits = false;
            for (int k = i + VM_HWM.length; k < end && bytes[k] != '\n'; k++) {
                if (bytes[k] >= '0' && bytes[k] <= '9') {
                    kb = kb * 10 + (bytes[k] - '0');
                    digits = true;
                }
            }
            return digits ? kb : -1;
        }
        return -1;
    }
}

package baseline;

import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The independent program behind {@code shared/baselines.md} section 1, kept here so that anyone can set the lab's
 * {@code vtlab bench scale --only virtual} figures beside it on their own machine: N virtual threads that each sleep
 * 100 ms, 1 warm-up and 5 timed runs in one JVM, wall time from the first submit to the end of {@code close()}.
 * It uses nothing of the lab's (see {@code package-info.java}). Run it from the built jar:
 * <pre>
 *   java -cp target/vtlab.jar baseline.PlainScale 1000000
 * </pre>
 */
public final class PlainScale {

    private PlainScale() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration sleep = Duration.ofMillis(100);
        for (int run = 0; run < 6; run++) {
            long t0 = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    executor.submit(() -> {
                        Thread.sleep(sleep);
                        return null;
                    });
                }
            }
            System.out.println((run == 0 ? "warm-up " : "run ") + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }
}

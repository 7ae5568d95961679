package baseline;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The counter lesson's work written plainly, for {@code vtlab bench trials}: one value of 0 and N virtual threads
 * that each read it into a local copy, add 10, sleep D, and write the copy back, unguarded, all started at once on
 * one virtual-thread-per-task executor, whose {@code close()} waits for them. It runs once, in a fresh JVM, as the
 * lesson's one run does, and prints the time from before the first thread was started to the end of
 * {@code close()} (as {@code counter --format json} prints a run's {@code elapsedMs}), then the ending value:
 * <pre>
 *   $ java -cp target/vtlab.jar baseline.PlainCounter 10000 100
 *   elapsed_ns=291234567 tasks=10000
 *   ending 10
 * </pre>
 * Arguments: N (default 10000) and D in milliseconds (default 100).
 *
 * <p><b>Memory visibility.</b> The threads' writes happen-before main reads the value: the executor's {@code close()}
 * returns only after every task has ended.
 */
public final class PlainCounter {

    private static long value; // written by every task, unguarded; read by main after close()

    private PlainCounter() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration delay = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                executor.execute(() -> update(delay));
            }
        }
        long elapsed = System.nanoTime() - start;
        System.out.println("elapsed_ns=" + elapsed + " tasks=" + n);
        System.out.println("ending " + value);
    }

    /** Read, add, sleep, write: the lost update. */
    private static void update(Duration delay) {
        long local = value;
        local += 10;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        value = local;
    }
}

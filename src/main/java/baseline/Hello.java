package baseline;

/**
 * A JVM that starts, prints one line and ends: the floor under every start-up figure of {@code vtlab bench start}
 * (the appendix of BENCH.md measured {@code java Hello} at 38.5 ms on this machine kind).
 * <pre>
 *   java -cp target/vtlab.jar baseline.Hello
 * </pre>
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello");
    }
}

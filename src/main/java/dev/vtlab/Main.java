package dev.vtlab;

import dev.vtlab.cli.Cli;

/** Entry point of {@code target/vtlab.jar}; the {@code ./vtlab} launcher starts it with a JDK 21. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.execute(args);
        try {
            System.exit(code);
        } catch (Throwable e) { // out of heap even to start the shutdown hooks' threads: the exit code still holds
            Runtime.getRuntime().halt(code);
        }
    }
}

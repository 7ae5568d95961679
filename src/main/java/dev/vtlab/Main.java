package dev.vtlab;

import dev.vtlab.cli.Cli;

/** Entry point of {@code target/vtlab.jar}; the {@code ./vtlab} launcher starts it with a JDK 21. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.create(args).execute(args));
    }
}

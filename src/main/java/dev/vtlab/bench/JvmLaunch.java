package dev.vtlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How vtlab starts itself again in a fresh JVM: the {@code java} running this JVM, {@code --enable-preview}, extra
 * JVM options, this JVM's class path (the jar, or the test classes), {@code dev.vtlab.Main}, then vtlab's own
 * arguments. {@code vtlab bench} launches one per row; the pinning lesson launches one with the scheduler's
 * parallelism set. It lives in bench, the lower of the two packages, because cli may import bench but not the
 * other way round.
 *
 * @param java       the {@code java} executable, usually {@link #currentJava()}
 * @param jvmOptions {@code -D}/{@code -X} options, before the class path
 * @param args       vtlab's arguments, after the main class
 */
public record JvmLaunch(String java, List<String> jvmOptions, List<String> args) {

    /** Named, not referenced: bench does not import Main, and Main only calls Cli. */
    static final String MAIN = "dev.vtlab.Main";

    public JvmLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
    }

    /** The same {@code java} as this JVM, with these options and arguments. */
    public static JvmLaunch of(List<String> jvmOptions, List<String> args) {
        return new JvmLaunch(currentJava(), jvmOptions, args);
    }

    /** The {@code java} running this JVM: this process's own command, else the one in {@code java.home}. */
    public static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-preview");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(args);
        return command;
    }

    /** A builder for {@link #command()}; the caller chooses the redirects and starts it. */
    public ProcessBuilder processBuilder() {
        return new ProcessBuilder(command());
    }
}

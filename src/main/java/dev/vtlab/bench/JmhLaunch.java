package dev.vtlab.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vtlab bench locks --jmh}: JMH's {@code Locks} benchmarks (src/jmh/java, built by {@code ./mvnw -Pjmh
 * -DskipTests package}) started as {@code java -jar target/benchmarks.jar OPTIONS Locks}. The jar is not part of
 * vtlab.jar: it is looked for beside it.
 *
 * @param java the {@code java} executable, usually {@link JvmLaunch#currentJava()}
 * @param jar  target/benchmarks.jar
 * @param args JMH's options and the benchmark regex
 */
public record JmhLaunch(String java, Path jar, List<String> args) {

    /** What the build writes, next to vtlab.jar (or next to target/classes when run from the build). */
    public static final String JAR_NAME = "benchmarks.jar";

    /** The benchmarks' regular expression: every method of {@code dev.vtlab.jmh.Locks}. */
    static final String BENCHMARKS = "dev\\.vtlab\\.jmh\\.Locks\\.";

    public JmhLaunch {
        args = List.copyOf(args);
    }

    /**
     * Where the benchmarks jar would be for this class path: beside its first entry, which is target/vtlab.jar when
     * vtlab runs from its jar and target/classes when it runs from the build.
     */
    public static Path besideClassPath(String classPath) {
        Path first = Path.of(classPath.split(File.pathSeparator, -1)[0]).toAbsolutePath();
        Path dir = first.getParent() != null ? first.getParent() : first;
        return dir.resolve(JAR_NAME);
    }

    /**
     * JMH's options: {@code forks} JVMs a benchmark, {@code warmup} and {@code runs} iterations of {@code seconds}
     * each (1 s by default: JMH's own default of 10 s would make twelve benchmarks take an hour).
     */
    public static List<String> options(int forks, int warmup, int runs, String iteration) {
        return List.of("-f", Integer.toString(forks), "-wi", Integer.toString(warmup), "-w", iteration,
                "-i", Integer.toString(runs), "-r", iteration, BENCHMARKS);
    }

    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(args);
        return command;
    }
}

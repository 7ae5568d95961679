package dev.vtlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command lines of {@code bench trials} and {@code bench start}: the lab as a user runs it, and the baseline
 * programs, each as a whole process on the {@code java} and class path of this JVM.
 *
 * <p>The lab is the launcher, {@code ./vtlab}, when this JVM runs {@code REPO/target/vtlab.jar} and
 * {@code REPO/vtlab} is beside it: then the figures include what the launcher adds (finding the JDK, the staleness
 * check, the class-data sharing archive). Otherwise (the tests' class directories, a jar copied elsewhere) it is
 * {@code java --enable-preview -cp CLASSPATH dev.vtlab.Main}, and the tables say so.
 *
 * <p>The baselines are {@code java -cp CLASSPATH baseline.NAME}: the {@code baseline} package, compiled into the jar
 * but using nothing of the lab.
 */
final class Programs {

    /** Where the launcher looked is named by what the tables print: {@code ./vtlab}. */
    static final String LAUNCHER = "./vtlab";

    private Programs() {
    }

    /** {@code REPO/vtlab} if this class path is {@code REPO/target/vtlab.jar} and the launcher is beside it. */
    static Optional<Path> launcher(String classPath) {
        if (classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        Path target = jar.getParent();
        if (target == null || target.getFileName() == null || !target.getFileName().toString().equals("target")
                || target.getParent() == null) {
            return Optional.empty();
        }
        Path launcher = target.getParent().resolve("vtlab");
        return Files.isRegularFile(launcher) && Files.isExecutable(launcher) ? Optional.of(launcher)
                : Optional.empty();
    }

    static Optional<Path> launcher() {
        return launcher(System.getProperty("java.class.path"));
    }

    /** The lab with these arguments: the launcher, else this JVM's java on its class path. */
    static List<String> lab(List<String> args) {
        Optional<Path> launcher = launcher();
        if (launcher.isPresent()) {
            List<String> command = new ArrayList<>(List.of(launcher.get().toString()));
            command.addAll(args);
            return command;
        }
        return new JvmLaunch(JvmLaunch.currentJava(), List.of(), args).command();
    }

    /** How the tables name the lab's command: {@code ./vtlab ARGS} or {@code dev.vtlab.Main ARGS}. */
    static String labName(String args) {
        return (launcher().isPresent() ? LAUNCHER : "java … " + JvmLaunch.MAIN) + " " + args;
    }

    /** A baseline program: {@code java -cp CLASSPATH baseline.NAME ARGS}, without the lab's JVM options. */
    static List<String> baseline(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(JvmLaunch.currentJava(), "-cp",
                System.getProperty("java.class.path"), "baseline." + name));
        command.addAll(List.of(args));
        return command;
    }
}

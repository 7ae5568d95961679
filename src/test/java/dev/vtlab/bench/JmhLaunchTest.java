package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(5)
class JmhLaunchTest {

    @Test
    void theBenchmarksJarIsBesideVtlabJar() {
        assertEquals(Path.of("/repo/target/benchmarks.jar"), JmhLaunch.besideClassPath("/repo/target/vtlab.jar"));
    }

    @Test
    void fromTheBuildItIsBesideTheFirstClassesDirectory() {
        String classPath = String.join(File.pathSeparator, "/repo/target/test-classes", "/repo/target/classes",
                "/m2/picocli.jar");
        assertEquals(Path.of("/repo/target/benchmarks.jar"), JmhLaunch.besideClassPath(classPath));
    }

    @Test
    void theCommandIsJavaDashJarWithJmhsOptionsAndTheLocksRegex() {
        var launch = new JmhLaunch("/jdk/bin/java", Path.of("/repo/target/benchmarks.jar"),
                JmhLaunch.options(2, 3, 5, "1s"));
        assertEquals(List.of("/jdk/bin/java", "-jar", "/repo/target/benchmarks.jar", "-f", "2", "-wi", "3", "-w", "1s",
                "-i", "5", "-r", "1s", "dev\\.vtlab\\.jmh\\.Locks\\."), launch.command());
    }
}

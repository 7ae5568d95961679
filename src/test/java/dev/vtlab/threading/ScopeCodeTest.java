package dev.vtlab.threading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The multi-release jar at work: on JDK 21 the JVM loads the JDK 21 {@code StructuredRunner}, on JDK 25 (where this
 * test runs against target/vtlab.jar, tag jdk25) the one compiled from src/main/java25 into META-INF/versions/25.
 */
@Tag("jdk25")
class ScopeCodeTest {

    private static final int JDK = Runtime.version().feature();

    @Test
    @Timeout(10)
    void theScopeCodeThatRunsWasCompiledForThisJdk() {
        assertEquals(JDK, ScopeCode.release());
        assertTrue(ThreadKind.SCOPE.description().contains("JDK " + JDK + " preview"), ThreadKind.SCOPE.description());
    }

    /**
     * The same classes as a directory (not a multi-release jar) offer JDK 25 only the JDK 21 class, which it cannot
     * load: a lesson that needs a scope says how to build the code for this JDK and exits 4, not with a stack trace.
     */
    @Test
    @Timeout(60)
    void aBuildWithoutThisJdksScopeCodeSaysHowToBuildItAndExitsFour() throws Exception {
        assumeTrue(JDK != 21, "JDK 21 always has its scope code: it is the jar's base");
        Path classes = Path.of(System.getProperty("basedir", "."), "target", "classes");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> entry.endsWith("vtlab.jar") ? classes.toString() : entry)
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(classPath.contains(classes.toString()), "the jar was not on the class path: " + classPath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-preview", "-cp", classPath, "dev.vtlab.Main", "failure", "--work", "100ms"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // ends at its exit
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "did not finish");

        assertEquals(4, p.exitValue(), output);
        assertTrue(output.contains("no StructuredTaskScope code for JDK " + JDK + "; build it: ./vtlab build-jdk "
                + JDK), output);
        assertTrue(!output.contains("\tat "), "no stack trace: " + output);
    }
}

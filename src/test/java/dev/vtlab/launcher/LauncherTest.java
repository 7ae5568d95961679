package dev.vtlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./vtlab} launcher against stub JDKs: shell scripts named {@code bin/java},
 * {@code bin/javac} and {@code bin/jfr} that print version strings the way real JDKs do.
 *
 * <p>Every run is hermetic: the environment is cleared, {@code VTLAB_CACHE}, {@code VTLAB_JVM_DIRS} and
 * {@code HOME} point into the temp dir, PATH is a controlled list, and {@code VTLAB_NO_INSTALL=1} is always set,
 * so no test can download a JDK. Only the {@code jdk} subcommand is used, so no test builds the project.
 */
final class LauncherTest {

    private static final int EXIT_ENVIRONMENT = 4;
    private static final String MARKER = "vtlab-complete";
    private static final String SYSTEM_PATH = "/usr/bin:/bin";

    @TempDir
    Path tmp;

    private Path cache;
    private Path jvmDirs;

    private record Result(int exitCode, List<String> stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    @BeforeEach
    void createEmptyCacheAndJvmDir() throws IOException {
        cache = Files.createDirectories(tmp.resolve("cache"));
        jvmDirs = Files.createDirectories(tmp.resolve("jvm"));
    }

    @Test
    @Timeout(30)
    void vtlabJavaHomeIsUsedBeforeJavaHome() throws Exception {
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path other21 = stubJdk("other21", "21.0.13");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk21.toString(), "JAVA_HOME", other21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void javaHome17FallsThroughToAJdk21OnPath() throws Exception {
        Path jdk17 = stubJdk("jdk17", "17.0.15");
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path pathDir = Files.createDirectories(tmp.resolve("path"));
        Files.createSymbolicLink(pathDir.resolve("java"), jdk21.resolve("bin/java"));

        Result r = vtlab(Map.of("JAVA_HOME", jdk17.toString(), "PATH", pathDir + ":" + SYSTEM_PATH), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toRealPath().toString(), "source: PATH"), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void onlyAJdk25WithInstallingForbiddenExitsWithEnvironmentError() throws Exception {
        Path jdk25 = stubJdk("jdk25", "25.0.1");

        Result r = vtlab(Map.of("JAVA_HOME", jdk25.toString(), "PATH", jdk25.resolve("bin") + ":" + SYSTEM_PATH),
                "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
        assertTrue(r.stderr().contains("VTLAB_JAVA_HOME"), r::toString);
        assertTrue(r.stderr().contains("JDK 21"), r::toString);
    }

    @Test
    @Timeout(30)
    void aJdk17FirstOnPathIsRejected() throws Exception {
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + SYSTEM_PATH), "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
        assertTrue(r.stderr().contains(jdk17.toRealPath().toString()), "names the rejected JDK: " + r);
    }

    @Test
    @Timeout(30)
    void vtlabJavaHomeThatIsNot21IsAnErrorEvenWhenJavaHomeIs21() throws Exception {
        Path jdk25 = stubJdk("jdk25", "25.0.1");
        Path jdk21 = stubJdk("jdk21", "21.0.13");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk25.toString(), "JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(4, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), "must not fall through to JAVA_HOME: " + r);
        assertTrue(r.stderr().contains("VTLAB_JAVA_HOME=" + jdk25), r::toString);
        assertTrue(r.stderr().contains("25.0.1"), "says what version it found: " + r);
    }

    @Test
    @Timeout(30)
    void java8VersionSchemeIsRejected() throws Exception {
        Path jdk8 = stubJdk("jdk8", "1.8.0_392");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk8.toString()), "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void gaVersionWithoutMinorIsAccepted() throws Exception {
        Path jdk21 = stubJdk("jdk21ga", "21");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void aJdk21WithoutJfrIsRejected() throws Exception {
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Files.delete(jdk21.resolve("bin/jfr"));

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("jfr"), r::toString);
    }

    @Test
    @Timeout(30)
    void cachedJdkWithoutCompleteMarkerIsNotUsed() throws Exception {
        stubJdkAt(cache.resolve("jdk-21"), "21.0.13");
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + SYSTEM_PATH), "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void cachedJdkWithCompleteMarkerIsUsed() throws Exception {
        Path cached = stubJdkAt(cache.resolve("jdk-21"), "21.0.13");
        Files.writeString(cached.resolve(MARKER), "complete\n");
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("JAVA_HOME", jdk17.toString(), "PATH", jdk17.resolve("bin") + ":" + SYSTEM_PATH),
                "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(cached.toRealPath().toString(), "source: cache"), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void jvmDirsAreScannedForA21AndSkipAnImpostor() throws Exception {
        stubJdkAt(jvmDirs.resolve("jdk-21-actually-25"), "25.0.1");
        Path real21 = stubJdkAt(jvmDirs.resolve("temurin-21-jdk"), "21.0.13");
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + SYSTEM_PATH), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(real21.toString(), "source: system"), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void worksWhenStartedFromAnotherDirectory() throws Exception {
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

        Result r = vtlab(elsewhere, Map.of("VTLAB_JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout(), r::toString);
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    private Path stubJdk(String name, String version) throws IOException {
        return stubJdkAt(tmp.resolve(name), version);
    }

    /** A fake JDK home: java, javac and jfr that answer -version like the real ones (java on stderr). */
    private static Path stubJdkAt(Path home, String version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = "-version" ]; then
                    echo 'openjdk version "%1$s" 2025-04-15' >&2
                    echo 'OpenJDK Runtime Environment (build %1$s+6)' >&2
                    echo 'OpenJDK 64-Bit Server VM (build %1$s+6, mixed mode, sharing)' >&2
                fi
                exit 0
                """.formatted(version));
        script(bin.resolve("javac"), """
                #!/bin/sh
                [ "$1" = "-version" ] && echo 'javac %s'
                exit 0
                """.formatted(version));
        script(bin.resolve("jfr"), "#!/bin/sh\nexit 0\n");
        return home;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result vtlab(Map<String, String> env, String... args) throws Exception {
        return vtlab(tmp, env, args);
    }

    private Result vtlab(Path workingDir, Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "vtlab");
        assertTrue(Files.isExecutable(launcher), "launcher not found or not executable: " + launcher);

        var command = new ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> environment = pb.environment();
        environment.clear();
        var defaults = new HashMap<String, String>();
        defaults.put("PATH", SYSTEM_PATH);
        defaults.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        defaults.put("VTLAB_CACHE", cache.toString());
        defaults.put("VTLAB_JVM_DIRS", jvmDirs.toString());
        defaults.put("VTLAB_NO_INSTALL", "1");
        environment.putAll(defaults);
        environment.putAll(env);

        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        boolean exited = process.waitFor(25, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(exited, "launcher did not finish within 25 s");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        List<String> lines = stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertFalse(stderr.contains("unbound variable"), "bash error in the launcher: " + stderr);
        return new Result(process.exitValue(), lines, stderr);
    }
}

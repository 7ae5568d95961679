package dev.vtlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real {@code ./vtlab} launcher against stub JDKs: shell scripts named {@code bin/java},
 * {@code bin/javac} and {@code bin/jfr} that print version strings the way real JDKs do.
 *
 * <p>Every run is hermetic: the environment is cleared, {@code VTLAB_CACHE}, {@code VTLAB_JVM_DIRS} and
 * {@code HOME} point into the temp dir, and {@code VTLAB_NO_INSTALL=1} is set unless a test allows a stub installer.
 * PATH is a toolbox that looks like a stock macOS: no {@code flock}, a {@code readlink} without {@code -f}, a
 * {@code find} with only POSIX's primaries, and nothing else of the system (no {@code java} either).
 *
 * <p>The {@code jdk} tests run the launcher of this checkout. The build tests copy it into a scratch repository
 * whose {@code ./mvnw} is a stub that "builds" an empty jar and logs when it starts and ends, so that the build lock
 * and the jar's staleness can be checked without Maven.
 */
final class LauncherTest {

    /** A short run's JVM options: C1 alone, a young generation of a third of the heap (the launcher's short_opts). */
    private static final String SHORT = "-XX:TieredStopAtLevel=1 -XX:NewRatio=2";


    private static final int EXIT_USAGE = 2;
    private static final int EXIT_ENVIRONMENT = 4;
    private static final String MARKER = "vtlab-complete";
    /** What the launcher may use: bash 3.2's world, and POSIX's awk and mv. The stub Maven also uses grep. */
    private static final List<String> TOOLS = List.of(
            "bash", "env", "sh", "dirname", "cat", "ln", "rm", "rmdir", "mkdir", "touch", "sleep", "ps", "grep",
            "awk", "mv");
    private static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    @TempDir
    Path tmp;

    private Path cache;
    private Path jvmDirs;
    private Path home;
    private Path toolbox;

    private record Result(int exitCode, List<String> stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    @BeforeEach
    void createEmptyCacheJvmDirHomeAndToolbox() throws IOException {
        cache = Files.createDirectories(tmp.resolve("cache"));
        jvmDirs = Files.createDirectories(tmp.resolve("jvm"));
        home = Files.createDirectories(tmp.resolve("home"));
        toolbox = Files.createDirectories(tmp.resolve("toolbox"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(toolbox.resolve(tool), systemTool(tool));
        }
        script(toolbox.resolve("readlink"), """
                #!/bin/sh
                # readlink as BSD and macOS before 12.3 have it: it prints a link's target, and has no -f, -e, -m.
                for a in "$@"; do
                    case $a in
                        --) break ;;
                        --*|-*[fem]*) echo "readlink: illegal option -- $a" >&2; exit 1 ;;
                    esac
                done
                exec %s "$@"
                """.formatted(systemTool("readlink")));
        script(toolbox.resolve("find"), """
                #!/bin/sh
                # find with POSIX's primaries only: no -quit, -maxdepth, -print0, -printf, -lname, -mmin, ...
                for a in "$@"; do
                    case $a in
                        -name|-path|-type|-newer|-print|-prune|-perm|-links|-user|-group|-size|-atime|-mtime) ;;
                        -ctime|-exec|-ok|-depth|-xdev|-nouser|-nogroup|-o|-a|-H|-L) ;;
                        -*) echo "find: $a: unknown primary or operator" >&2; exit 1 ;;
                    esac
                done
                exec %s "$@"
                """.formatted(systemTool("find")));
    }

    // --- the toolbox is what it claims to be ----------------------------------------------------------------

    @Test
    @Timeout(30)
    void theToolboxHasNoFlockAndNoGnuReadlinkOrFind() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp);

        assertFalse(Files.exists(toolbox.resolve("flock")));
        assertEquals(1, exitCodeOf(toolbox.resolve("readlink"), "-f", link.toString()));
        assertEquals(0, exitCodeOf(toolbox.resolve("readlink"), link.toString()));
        assertEquals(1, exitCodeOf(toolbox.resolve("find"), tmp.toString(), "-newer", link.toString(), "-quit"));
        assertEquals(0, exitCodeOf(toolbox.resolve("find"), tmp.toString(), "-newer", link.toString(), "-print"));
    }

    // --- finding JDK 21 -------------------------------------------------------------------------------------

    @Test
    @Timeout(30)
    void vtlabJavaHomeIsUsedBeforeJavaHome() throws Exception {
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path other21 = stubJdk("other21", "21.0.13");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk21.toString(), "JAVA_HOME", other21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout().subList(0, 2), r::toString);
    }

    @Test
    @Timeout(30)
    void javaHome17FallsThroughToAJdk21OnPath() throws Exception {
        Path jdk17 = stubJdk("jdk17", "17.0.15");
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path pathDir = Files.createDirectories(tmp.resolve("path"));
        // Two hops, one relative: the launcher resolves them without readlink -f.
        Files.createSymbolicLink(tmp.resolve("java-alt"), jdk21.resolve("bin/java"));
        Files.createSymbolicLink(pathDir.resolve("java"), Path.of("../java-alt"));

        Result r = vtlab(Map.of("JAVA_HOME", jdk17.toString(), "PATH", pathDir + ":" + toolbox), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toRealPath().toString(), "source: PATH"), r.stdout().subList(0, 2), r::toString);
    }

    @Test
    @Timeout(30)
    void onlyAJdk25WithInstallingForbiddenExitsWithEnvironmentError() throws Exception {
        Path jdk25 = stubJdk("jdk25", "25.0.1");

        Result r = vtlab(Map.of("JAVA_HOME", jdk25.toString(), "PATH", jdk25.resolve("bin") + ":" + toolbox),
                "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
        assertTrue(r.stderr().lines().findFirst().orElseThrow().contains("VTLAB_JAVA_HOME=/path/to/it"), r::toString);
        assertTrue(r.stderr().contains("no JDK 21 found"), r::toString);
    }

    @Test
    @Timeout(30)
    void aJdk17FirstOnPathIsRejected() throws Exception {
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + toolbox), "jdk");

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

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), "must not fall through to JAVA_HOME: " + r);
        assertEquals(1, r.stderr().lines().count(), "one line: " + r);
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
        assertTrue(r.stderr().contains("reports 1.8.0_392"), r::toString);
    }

    @Test
    @Timeout(30)
    void gaVersionWithoutMinorIsAccepted() throws Exception {
        Path jdk21 = stubJdk("jdk21ga", "21");

        Result r = vtlab(Map.of("VTLAB_JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout().subList(0, 2), r::toString);
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

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + toolbox), "jdk");

        assertEquals(EXIT_ENVIRONMENT, r.exitCode(), r::toString);
        assertEquals(List.of(), r.stdout(), r::toString);
        assertTrue(r.stderr().contains("unfinished install"), r::toString);
    }

    @Test
    @Timeout(30)
    void cachedJdkWithCompleteMarkerIsUsed() throws Exception {
        Path cached = stubJdkAt(cache.resolve("jdk-21"), "21.0.13");
        Files.writeString(cached.resolve(MARKER), "complete\n");
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("JAVA_HOME", jdk17.toString(), "PATH", jdk17.resolve("bin") + ":" + toolbox),
                "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(cached.toRealPath().toString(), "source: cache"), r.stdout().subList(0, 2),
                r::toString);
    }

    @Test
    @Timeout(30)
    void jvmDirsAreScannedForA21AndSkipAnImpostor() throws Exception {
        stubJdkAt(jvmDirs.resolve("jdk-21-actually-25"), "25.0.1");
        Path real21 = stubJdkAt(jvmDirs.resolve("temurin-21-jdk"), "21.0.13");
        Path jdk17 = stubJdk("jdk17", "17.0.15");

        Result r = vtlab(Map.of("PATH", jdk17.resolve("bin") + ":" + toolbox), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(real21.toString(), "source: system"), r.stdout().subList(0, 2), r::toString);
    }

    @Test
    @Timeout(30)
    void worksWhenStartedFromAnotherDirectoryThroughASymlink() throws Exception {
        Path jdk21 = stubJdk("jdk21", "21.0.13");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("vtlab"), REPO.resolve("vtlab"));

        Result r = run(link, elsewhere, Map.of("VTLAB_JAVA_HOME", jdk21.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: VTLAB_JAVA_HOME"), r.stdout().subList(0, 2), r::toString);
    }

    // --- the places JDK managers and other systems keep JDKs --------------------------------------------------

    @ParameterizedTest(name = "{1}: ~/{0}")
    @CsvSource({
        ".jdks/corretto-21.0.5, IntelliJ",
        ".sdkman/candidates/java/21.0.5-tem, SDKMAN",
        ".asdf/installs/java/temurin-21.0.5+11.0.LTS, asdf",
    })
    @Timeout(30)
    void aJdk21InAJdkManagersPlaceUnderHomeIsFound(String where, String source) throws Exception {
        stubJdkAt(home.resolve(where.replace("21.0.5", "17.0.21")), "17.0.21");   // matches *21*, is no 21
        Path jdk21 = stubJdkAt(home.resolve(where), "21.0.5");

        Result r = vtlab(Map.of(), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: " + source), r.stdout().subList(0, 2), r::toString);
    }

    @Test
    @Timeout(30)
    void sdkmanDirAndAsdfDataDirAreHonoured() throws Exception {
        Path sdkman = stubJdkAt(tmp.resolve("sdk/candidates/java/21.0.5-zulu"), "21.0.5");
        Path asdf = stubJdkAt(tmp.resolve("asdf-data/installs/java/zulu-21.0.5"), "21.0.5");

        Result viaSdkman = vtlab(Map.of("SDKMAN_DIR", tmp.resolve("sdk").toString()), "jdk");
        Result viaAsdf = vtlab(Map.of("ASDF_DATA_DIR", tmp.resolve("asdf-data").toString()), "jdk");

        assertEquals(List.of(sdkman.toString(), "source: SDKMAN"), viaSdkman.stdout().subList(0, 2),
                viaSdkman::toString);
        assertEquals(List.of(asdf.toString(), "source: asdf"), viaAsdf.stdout().subList(0, 2), viaAsdf::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "temurin-21.jdk/Contents/Home",                 // /Library/Java/JavaVirtualMachines
        "openjdk@21/libexec/openjdk.jdk/Contents/Home", // Homebrew on macOS
        "openjdk@21/libexec",                           // Homebrew on Linux
    })
    @Timeout(30)
    void macOsBundlesAndHomebrewKegsAreEnteredToTheirHome(String layout) throws Exception {
        Path jdk21 = stubJdkAt(jvmDirs.resolve(layout), "21.0.5");

        Result r = vtlab(Map.of(), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: system"), r.stdout().subList(0, 2), r::toString);
    }

    @Test
    @Timeout(30)
    void macOsJavaHomeToolIsAskedForTheReleaseBeforeTheDirectories() throws Exception {
        Path bundled21 = stubJdkAt(tmp.resolve("Library/temurin-21.jdk/Contents/Home"), "21.0.5");
        stubJdkAt(jvmDirs.resolve("other-21"), "21.0.5");
        Path system25 = stubJdkAt(jvmDirs.resolve("temurin-25"), "25.0.1");
        Path javaHomeTool = script(tmp.resolve("java_home"), """
                #!/bin/sh
                # /usr/libexec/java_home: knows one JDK 21 only
                if [ "$1" = -v ] && [ "$2" = 21 ]; then echo '%s'; exit 0; fi
                echo "Unable to find any JVMs matching version \\"$2\\"." >&2
                exit 1
                """.formatted(bundled21));
        var env = Map.of("VTLAB_JVM_DIRS", javaHomeTool + ":" + jvmDirs);

        Result r21 = vtlab(env, "jdk");
        Result r25 = vtlab(env, "jdk", "25");

        assertEquals(List.of(bundled21.toString(), "source: java_home"), r21.stdout().subList(0, 2), r21::toString);
        assertEquals(List.of(system25.toString()), r25.stdout(), r25::toString);
    }

    @Test
    @Timeout(30)
    void theCacheComesBeforeAJdkManagerWhichComesBeforeTheSystemAndPath() throws Exception {
        Path onPath = stubJdk("on-path-21", "21.0.5");
        Path system = stubJdkAt(jvmDirs.resolve("java-21-openjdk"), "21.0.5");
        Path sdkman = stubJdkAt(home.resolve(".sdkman/candidates/java/21.0.5-tem"), "21.0.5");
        Path cached = stubJdkAt(cache.resolve("jdk-21"), "21.0.5");
        Files.writeString(cached.resolve(MARKER), "complete\n");
        var env = Map.of("PATH", onPath.resolve("bin") + ":" + toolbox);
        List<String> expected = List.of(cached.toRealPath().toString(), sdkman.toString(), system.toString(),
                onPath.toRealPath().toString());

        List<String> found = new ArrayList<>();
        for (Path next : List.of(cached, sdkman, system, onPath)) {
            Result r = vtlab(env, "jdk", "21");
            assertEquals(0, r.exitCode(), r::toString);
            found.add(r.stdout().get(0));
            deleteTree(next);
        }

        assertEquals(expected, found);
    }

    // --- any release: ./vtlab jdk N and the list ------------------------------------------------------------

    @Test
    @Timeout(30)
    void jdk25ComesFromItsOwnVariableAndPrintsOnlyItsHome() throws Exception {
        Path jdk25 = stubJdk("jdk25", "25.0.1");
        stubJdkAt(jvmDirs.resolve("temurin-25"), "25.0.1");

        Result r = vtlab(Map.of("VTLAB_JAVA25_HOME", jdk25.toString()), "jdk", "25");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk25.toString()), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void vtlabJava25HomeThatIsNot25IsAnErrorForJdk25ButNotForTheLab() throws Exception {
        Path jdk21 = stubJdkAt(jvmDirs.resolve("jdk-21"), "21.0.5");
        stubJdkAt(jvmDirs.resolve("jdk-25"), "25.0.1");
        var env = Map.of("VTLAB_JAVA25_HOME", jdk21.toString());

        Result for25 = vtlab(env, "jdk", "25");
        Result list = vtlab(env, "jdk");

        assertEquals(EXIT_ENVIRONMENT, for25.exitCode(), for25::toString);
        assertEquals(1, for25.stderr().lines().count(), "one line: " + for25);
        assertTrue(for25.stderr().contains("VTLAB_JAVA25_HOME=" + jdk21 + " is not a JDK 25"), for25::toString);
        assertEquals(0, list.exitCode(), list::toString);
        assertEquals(jdk21.toString(), list.stdout().get(0), list::toString);
        assertTrue(list.stdout().get(3).startsWith("JDK 25  unusable: VTLAB_JAVA25_HOME="), list::toString);
    }

    @Test
    @Timeout(30)
    void javaHomeCountsForTheReleaseItIs() throws Exception {
        Path system21 = stubJdkAt(jvmDirs.resolve("jdk-21"), "21.0.5");
        Path system25 = stubJdkAt(jvmDirs.resolve("jdk-25"), "25.0.1");
        Path javaHome25 = stubJdk("javahome25", "25.0.2");

        Result r = vtlab(Map.of("JAVA_HOME", javaHome25.toString()), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(system21.toString(), "source: system",
                "JDK 21  21.0.5     system     " + system21,
                "JDK 25  25.0.2     JAVA_HOME  " + javaHome25), r.stdout(), "not " + system25 + ": " + r);
    }

    @Test
    @Timeout(30)
    void cachedJdk25WithMarkerIsUsedAndItsVersionReadFromTheMarker() throws Exception {
        Path jdk21 = stubJdkAt(jvmDirs.resolve("jdk-21"), "21.0.5");
        Path cached25 = stubJdkAt(cache.resolve("jdk-25"), "25.0.1");
        Files.writeString(cached25.resolve(MARKER), """
                vtlab JDK 25 install, complete and self-tested
                java: openjdk version "25.0.5.1" 2026-11-17
                """);

        Result r = vtlab(Map.of(), "jdk");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(jdk21.toString(), "source: system",
                "JDK 21  21.0.5     system     " + jdk21,
                "JDK 25  25.0.5.1   cache      " + cached25.toRealPath()), r.stdout(), r::toString);
    }

    @Test
    @Timeout(30)
    void theListSaysHowToGetAMissingJdk25AndJdk25AloneExitsWithEnvironmentError() throws Exception {
        stubJdkAt(jvmDirs.resolve("jdk-21"), "21.0.5");

        Result list = vtlab(Map.of(), "jdk");
        Result for25 = vtlab(Map.of(), "jdk", "25");

        assertEquals(0, list.exitCode(), list::toString);
        assertEquals("JDK 25  not found; set VTLAB_JAVA25_HOME=/path/to/jdk-25", list.stdout().get(3), list::toString);
        assertEquals(EXIT_ENVIRONMENT, for25.exitCode(), for25::toString);
        assertEquals(List.of(), for25.stdout(), for25::toString);
        assertTrue(for25.stderr().startsWith("vtlab: no JDK 25 found, and VTLAB_NO_INSTALL=1 forbids obtaining one;"),
                for25::toString);
        assertTrue(for25.stderr().contains("VTLAB_JAVA25_HOME=/path/to/it"), for25::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "025", "25 26"})
    @Timeout(30)
    void jdkWithSomethingElseThanOneReleaseNumberIsAUsageError(String args) throws Exception {
        Result r = vtlab(Map.of(), ("jdk " + args).split(" "));

        assertEquals(EXIT_USAGE, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("./vtlab jdk 25"), r::toString);
    }

    // --- obtaining a JDK (with a stub installer) ------------------------------------------------------------

    @Test
    @Timeout(30)
    void jdk25IsObtainedIntoTheCacheByTheInstallerForRelease25() throws Exception {
        Path repo = scratchRepo();
        stubJdkAt(jvmDirs.resolve("jdk-21"), "21.0.5");
        Map<String, String> env = installAllowed();

        Result before = run(repo.resolve("vtlab"), tmp, env, "jdk");
        Result obtained = run(repo.resolve("vtlab"), tmp, env, "jdk", "25");
        Result again = run(repo.resolve("vtlab"), tmp, env, "jdk", "25");

        assertEquals("JDK 25  not found; ./vtlab jdk 25 obtains it", before.stdout().get(3), before::toString);
        assertEquals(0, obtained.exitCode(), obtained::toString);
        assertEquals(List.of(cache.resolve("jdk-25").toRealPath().toString()), obtained.stdout(), obtained::toString);
        assertEquals(obtained.stdout(), again.stdout(), again::toString);
        assertEquals(List.of("25 " + cache.toRealPath()), Files.readAllLines(tmp.resolve("installs")));
    }

    @Test
    @Timeout(30)
    void counterObtainsOnlyJdk21AndNeverLooksForJdk25() throws Exception {
        Path repo = scratchRepo();
        var env = new HashMap<>(installAllowed());
        env.put("VTLAB_JAVA25_HOME", tmp.resolve("no-such-jdk").toString());   // looking at it would exit 4

        Result r = run(repo.resolve("vtlab"), tmp, env, "counter", "--delay", "0");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("21 " + cache.toRealPath()), Files.readAllLines(tmp.resolve("installs")));
        assertEquals(List.of("java -Xshare:auto " + SHORT + " --enable-preview -jar " + repo.toRealPath().resolve("target/vtlab.jar")
                + " counter --delay 0"), r.stdout(), r::toString);
    }

    // --- a JDK's version is asked once -----------------------------------------------------------------------

    /** JAVA_HOME's java and javac are asked once; their answer holds until one of them changes. */
    @Test
    @Timeout(30)
    void aJdkIsAskedItsVersionOnceUntilItsJavaChanges() throws Exception {
        Path jdk21 = cdsJdk("jdk21", "21.0.5");
        Instant past = Instant.now().minusSeconds(60);
        for (String tool : List.of("java", "javac")) {
            Files.setLastModifiedTime(jdk21.resolve("bin/" + tool), FileTime.from(past));
        }
        var env = Map.of("JAVA_HOME", jdk21.toString());

        Result first = vtlab(env, "jdk", "21");
        Result second = vtlab(env, "jdk", "21");
        Files.setLastModifiedTime(jdk21.resolve("bin/java"), FileTime.from(Instant.now().plusSeconds(60)));
        Result afterChange = vtlab(env, "jdk", "21");

        for (Result r : List.of(first, second, afterChange)) {
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(List.of(jdk21.toString()), r.stdout(), r::toString);
        }
        assertEquals(List.of("version", "version"), javaLog(), "asked by the first run and after the change only");
    }

    // --- class-data sharing ---------------------------------------------------------------------------------

    /** The first run of a jar makes the archive (a dump, then a check); every run uses it, quietly. */
    @Test
    @Timeout(30)
    void theArchiveIsMadeOnceForAJarAndUsedQuietly() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString());

        Result first = run(repo.resolve("vtlab"), tmp, env, "counter");
        Result second = run(repo.resolve("vtlab"), tmp, env, "counter");

        for (Result r : List.of(first, second)) {
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(1, r.stdout().size(), r::toString);
            assertTrue(r.stdout().getFirst().matches("java -Xshare:auto -XX:SharedArchiveFile=" + repo
                    + "/target/cds/\\S+\\.jsa -Xlog:cds=off " + SHORT + " --enable-preview -jar " + repo
                    + "/target/vtlab.jar counter"), r::toString);
        }
        assertTrue(first.stderr().contains("making the class-data sharing archive"), first::toString);
        assertFalse(second.stderr().contains("class-data sharing"), second::toString);
        assertEquals(List.of("list", "list", "list", "dump", "check"), dumps(), "three training runs, one dump");
    }

    /** A rebuilt jar (a new time stamp) gets a new archive before it runs. */
    @Test
    @Timeout(30)
    void aJarChangeMakesTheArchiveAgain() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString());
        assertEquals(0, run(repo.resolve("vtlab"), tmp, env, "counter").exitCode());

        Path jar = repo.resolve("target/vtlab.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(10)));
        Result r = run(repo.resolve("vtlab"), tmp, env, "counter");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("making the class-data sharing archive"), r::toString);
        assertTrue(r.stdout().getFirst().contains("-XX:SharedArchiveFile="), r::toString);
        assertEquals(2, dumps().stream().filter("dump"::equals).count(), dumps()::toString);
    }

    /**
     * The archive of an older jar is never used: when the new one cannot be made, the lab runs without one, says so
     * once, and does not try again on every run.
     */
    @Test
    @Timeout(30)
    void aStaleArchiveIsNotUsedAndAFailedDumpIsNotRetriedForTheSameJar() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString());
        assertTrue(run(repo.resolve("vtlab"), tmp, env, "counter").stdout().getFirst().contains("SharedArchive"));

        Files.writeString(tmp.resolve("refuse-dump"), "");
        Path jar = repo.resolve("target/vtlab.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(10)));
        Result stale = run(repo.resolve("vtlab"), tmp, env, "counter");
        Result again = run(repo.resolve("vtlab"), tmp, env, "counter");

        for (Result r : List.of(stale, again)) {
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(List.of("java -Xshare:auto " + SHORT + " --enable-preview -jar " + jar + " counter"), r.stdout(),
                    r::toString);
        }
        assertTrue(stale.stderr().contains("could not make the class-data sharing archive"), stale::toString);
        assertFalse(again.stderr().contains("class-data sharing"), again::toString);
        assertEquals(2, dumps().stream().filter("dump"::equals).count(), "no retry for the same jar: " + dumps());
        try (var files = Files.list(repo.resolve("target/cds"))) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".jsa")).toList(), "the old one is gone");
        }
    }

    /** Each JDK has its own archive; going back to the first one does not make its archive again. */
    @Test
    @Timeout(30)
    void eachJdkHasItsOwnArchive() throws Exception {
        Path repo = scratchRepo();
        var first = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString());
        var second = Map.of("VTLAB_JAVA_HOME", cdsJdk("other21", "21.0.7").toString());

        String a = run(repo.resolve("vtlab"), tmp, first, "counter").stdout().getFirst();
        String b = run(repo.resolve("vtlab"), tmp, second, "counter").stdout().getFirst();
        String aAgain = run(repo.resolve("vtlab"), tmp, first, "counter").stdout().getFirst();

        assertTrue(a.contains("jdk21-21.0.5.jsa ") && b.contains("other21-21.0.7.jsa "), a + "\n" + b);
        assertEquals(a, aAgain);
        assertEquals(2, dumps().stream().filter("dump"::equals).count(), dumps()::toString);
    }

    /**
     * Help, the version and the short lessons end before C2 pays off: they run on C1 alone. The account keeps C2
     * from the trials it warms up for (50,000), and so does anything the launcher cannot tell is short.
     */
    @Test
    @Timeout(60)
    void helpVersionAndShortLessonsRunWithoutC2() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString(), "VTLAB_CDS", "0");
        String jar = repo.resolve("target/vtlab.jar").toString();

        for (String args : List.of("", "--help", "counter --help", "--version", "-V", "counter -h", "counter",
                "counter --sync lock --tasks 10000", "--stacktrace counter", "course --out c", "account",
                "account --trials 49999", "account --trials=1000 --delay 1s", "account --threads platform")) {
            Result r = run(repo.resolve("vtlab"), tmp, env, args.isEmpty() ? new String[0] : args.split(" "));
            assertEquals(List.of(("java -Xshare:auto " + SHORT + " --enable-preview -jar " + jar + " "
                    + args).strip()), r.stdout(), args);
        }
        for (String args : List.of("account --trials 50000", "account --trials=1000000", "account --trials 1_000",
                "pinning", "failure", "bench trials", "jfr r.jfr", "counter-ish")) {
            Result r = run(repo.resolve("vtlab"), tmp, env, args.split(" "));
            assertEquals(List.of("java -Xshare:auto --enable-preview -jar " + jar + " " + args), r.stdout(), args);
        }
    }

    /**
     * A young generation the user sizes replaces the launcher's third of the heap, which is then left out: with
     * both, the JVM prints on stdout that theirs overrides -XX:NewRatio, and stdout may be a JSON document.
     */
    @Test
    @Timeout(60)
    void aYoungGenerationOfTheUsersOwnLeavesOutTheLaunchersNewRatio() throws Exception {
        Path repo = scratchRepo();
        String jar = repo.resolve("target/vtlab.jar").toString();
        for (String opts : List.of("-Xmn64m", "-Xmx1g -XX:NewSize=32m", "-XX:MaxNewSize=64m", "-XX:NewRatio=3")) {
            var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString(), "VTLAB_CDS", "0",
                    "VTLAB_JAVA_OPTS", opts);
            Result r = run(repo.resolve("vtlab"), tmp, env, "counter");
            assertEquals(List.of("java -Xshare:auto -XX:TieredStopAtLevel=1 --enable-preview " + opts + " -jar " + jar
                    + " counter"), r.stdout(), opts);
        }
        var heapOnly = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString(), "VTLAB_CDS", "0",
                "VTLAB_JAVA_OPTS", "-Xmx256m");
        assertEquals(List.of("java -Xshare:auto " + SHORT + " --enable-preview -Xmx256m -jar " + jar + " counter"),
                run(repo.resolve("vtlab"), tmp, heapOnly, "counter").stdout(), "a heap limit keeps the third");
    }

    // --- lessons on JDK 25: --jdk 25, build-jdk 25 -------------------------------------------------------------

    /** The stub Maven's arguments, one line per build. */
    private List<String> mavenArgs() throws IOException {
        Path log = tmp.resolve("maven-args");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    @Timeout(30)
    void jdk25RunObtainsJdk25CompilesItsCodeAndRunsTheJarWithItsJava() throws Exception {
        Path repo = scratchRepo();
        var env = new HashMap<>(installAllowed());
        env.put("VTLAB_JAVA_HOME", stubJdk("jdk21", "21.0.5").toString());
        env.put("STUB_JAVA_LOG", tmp.resolve("javas").toString());

        Result r = run(repo.resolve("vtlab"), tmp, env, "--jdk", "25", "pinning", "--workers", "2");

        assertEquals(0, r.exitCode(), r::toString);
        Path jdk25 = cache.resolve("jdk-25").toRealPath();
        assertEquals(List.of("25 " + cache.toRealPath()), Files.readAllLines(tmp.resolve("installs")));
        assertEquals(List.of("-B -q -DskipTests package -Dvtlab.jdk25.home=" + jdk25), mavenArgs());
        assertTrue(r.stderr().contains("building with the code for JDK 25"), r::toString);
        assertEquals(List.of("java -Xshare:auto --enable-preview -jar " + repo.toRealPath().resolve("target/vtlab.jar")
                + " pinning --workers 2"), r.stdout(), r::toString);
        assertEquals(List.of(jdk25.resolve("bin/java").toString()), Files.readAllLines(tmp.resolve("javas")),
                "the lesson ran on JDK 25's java");
    }

    @Test
    @Timeout(30)
    void buildJdkPrintsTheHomeAndBuildsOnlyWhileTheJarLacksTheCode() throws Exception {
        Path repo = scratchRepo();
        Path jdk25 = stubJdk("jdk25", "25.0.3");
        var env = Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21.0.5").toString(),
                "VTLAB_JAVA25_HOME", jdk25.toString());

        Result plain = run(repo.resolve("vtlab"), tmp, env, "build");
        Result first = run(repo.resolve("vtlab"), tmp, env, "build-jdk", "25");
        Result again = run(repo.resolve("vtlab"), tmp, env, "build-jdk", "25");

        for (Result r : List.of(plain, first, again)) {
            assertEquals(0, r.exitCode(), r::toString);
        }
        assertEquals(List.of(jdk25.toString()), first.stdout(), first::toString);
        assertEquals(first.stdout(), again.stdout(), again::toString);
        assertEquals(List.of("-B -q -DskipTests package", "-B -q -DskipTests package -Dvtlab.jdk25.home=" + jdk25),
                mavenArgs(), "a plain build has no JDK 25 code, so build-jdk 25 builds once, then finds it");
    }

    @Test
    @Timeout(30)
    void vtlabCds0NeitherMakesNorUsesAnArchive() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", cdsJdk("jdk21", "21.0.5").toString(), "VTLAB_CDS", "0");

        Result r = run(repo.resolve("vtlab"), tmp, env, "counter");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("java -Xshare:auto " + SHORT + " --enable-preview -jar " + repo.resolve("target/vtlab.jar")
                + " counter"), r.stdout(), r::toString);
        assertEquals(List.of(), dumps());
    }

    @Test
    @Timeout(30)
    void aRebuildForALessonOn21KeepsTheJdk25CodeWhenAJdk25IsFound() throws Exception {
        Path repo = scratchRepo();
        Path jdk25 = stubJdk("jdk25", "25.0.3");
        var with25 = Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21.0.5").toString(),
                "VTLAB_JAVA25_HOME", jdk25.toString());

        run(repo.resolve("vtlab"), tmp, with25, "build-jdk", "25");
        Files.setLastModifiedTime(repo.resolve("src/main/Lesson.java"), FileTime.from(Instant.now().plusSeconds(5)));
        Result r = run(repo.resolve("vtlab"), tmp, with25, "counter");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("-B -q -DskipTests package -Dvtlab.jdk25.home=" + jdk25,
                "-B -q -DskipTests package -Dvtlab.jdk25.home=" + jdk25), mavenArgs());
    }

    /** Several releases: each JDK found (and its code built) first, then the lab on 21 sets them side by side. */
    @Test
    @Timeout(30)
    void severalReleasesRunTheLabOn21WithEachJdksHome() throws Exception {
        Path repo = scratchRepo();
        Path jdk21 = stubJdk("jdk21", "21.0.5");
        Path jdk25 = stubJdk("jdk25", "25.0.3");
        var env = Map.of("VTLAB_JAVA_HOME", jdk21.toString(), "VTLAB_JAVA25_HOME", jdk25.toString());

        Result r = run(repo.resolve("vtlab"), tmp, env, "--jdk", "21,25", "pinning", "--workers", "2");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("java -Xshare:auto --enable-preview -jar " + repo.toRealPath().resolve("target/vtlab.jar")
                + " side-by-side --home 21=" + jdk21 + " --home 25=" + jdk25 + " -- pinning --workers 2"),
                r.stdout(), r::toString);
        assertEquals(List.of("-B -q -DskipTests package -Dvtlab.jdk25.home=" + jdk25), mavenArgs(),
                "one build, with the code for 25");

        // --jdk may follow the lesson and its options, as the issue spells it: ./vtlab pinning --jdk 21,25
        for (String args : List.of("pinning --jdk 21,25 --workers 2", "pinning --workers 2 --jdk=21,25")) {
            Result after = run(repo.resolve("vtlab"), tmp, env, args.split(" "));
            assertEquals(r.stdout(), after.stdout(), args + "\n" + after);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--jdk 21,24 counter", "--jdk 21, counter", "--jdk 25,25 counter", "--jdk=,25 counter"})
    @Timeout(30)
    void aBadListOfReleasesIsAUsageError(String args) throws Exception {
        Path repo = scratchRepo();
        Result r = run(repo.resolve("vtlab"), tmp, Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21").toString()),
                args.split(" "));

        assertEquals(EXIT_USAGE, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--jdk"), r::toString);
        assertEquals(List.of(), builds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--jdk 24 counter", "--jdk x counter", "--jdk=26 counter", "build-jdk 17", "build-jdk"})
    @Timeout(30)
    void aReleaseTheLabHasNoCodeForIsAUsageError(String args) throws Exception {
        Path repo = scratchRepo();
        Result r = run(repo.resolve("vtlab"), tmp, Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21").toString()),
                args.split(" "));

        assertEquals(EXIT_USAGE, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("(21 25)") || r.stderr().contains("./vtlab build-jdk 25"), r::toString);
        assertEquals(List.of(), builds());
    }

    // --- building: the jar's staleness and the build lock ---------------------------------------------------

    @Test
    @Timeout(30)
    void theJarIsBuiltOnceAndAgainOnlyWhenASourceChanged() throws Exception {
        Path repo = scratchRepo();
        var env = Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21.0.5").toString());

        Result first = run(repo.resolve("vtlab"), tmp, env, "counter");
        Result second = run(repo.resolve("vtlab"), tmp, env, "counter");
        Files.setLastModifiedTime(repo.resolve("src/main/Lesson.java"), FileTime.from(Instant.now().plusSeconds(5)));
        Result afterEdit = run(repo.resolve("vtlab"), tmp, env, "counter");

        for (Result r : List.of(first, second, afterEdit)) {
            assertEquals(0, r.exitCode(), r::toString);
        }
        assertEquals(List.of("start", "end", "start", "end"), builds());
        assertTrue(first.stderr().contains("building"), first::toString);
        assertFalse(second.stderr().contains("building"), second::toString);
    }

    @ParameterizedTest(name = "flock on PATH: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(60)
    void twoBuildsOfOneCheckoutTakeTurns(boolean withFlock) throws Exception {
        if (withFlock) {
            Files.createSymbolicLink(toolbox.resolve("flock"), systemTool("flock"));
        }
        Path repo = scratchRepo();
        Files.writeString(tmp.resolve("hold-first-build"), "");
        var env = Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21.0.5").toString());

        Process first = start(repo.resolve("vtlab"), env, tmp.resolve("first.err"), "build");
        awaitFileContains(tmp.resolve("builds"), "start");
        Process second = start(repo.resolve("vtlab"), env, tmp.resolve("second.err"), "build");

        assertEquals(0, finish(first), () -> read(tmp.resolve("first.err")));
        assertEquals(0, finish(second), () -> read(tmp.resolve("second.err")));
        assertNoComplaints(tmp.resolve("first.err"));
        assertNoComplaints(tmp.resolve("second.err"));
        assertTrue(read(tmp.resolve("second.err")).contains("waiting for the build of this checkout"),
                read(tmp.resolve("second.err")));
        assertEquals(List.of("start", "end", "start", "end"), builds());
    }

    @Test
    @Timeout(30)
    void withoutFlockALockLeftByADeadBuildIsBroken() throws Exception {
        Path repo = scratchRepo();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path held = Files.createDirectories(repo.resolve("target")).resolve(".vtlab-build.lock.held");
        Files.createSymbolicLink(held, Path.of("pid-" + gone.pid()));

        Result r = run(repo.resolve("vtlab"), tmp, Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21").toString()),
                "build");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("removed a stale lock"), r::toString);
        assertEquals(List.of("start", "end"), builds());
        assertFalse(Files.exists(held, LinkOption.NOFOLLOW_LINKS), "released after the build");
    }

    @Test
    @Timeout(30)
    void withoutFlockALiveHoldersLockIsWaitedFor() throws Exception {
        Path repo = scratchRepo();
        Path held = Files.createDirectories(repo.resolve("target")).resolve(".vtlab-build.lock.held");
        Files.createSymbolicLink(held, Path.of("pid-" + ProcessHandle.current().pid()));   // this JVM: alive
        var env = Map.of("VTLAB_JAVA_HOME", stubJdk("jdk21", "21").toString());

        Process build = start(repo.resolve("vtlab"), env, tmp.resolve("build.err"), "build");
        awaitFileContains(tmp.resolve("build.err"), "waiting for the build of this checkout");
        assertEquals(List.of(), builds(), "built while the lock was held");
        Files.delete(held);

        assertEquals(0, finish(build), () -> read(tmp.resolve("build.err")));
        assertNoComplaints(tmp.resolve("build.err"));
        assertEquals(List.of("start", "end"), builds());
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    private Path stubJdk(String name, String version) throws IOException {
        return stubJdkAt(tmp.resolve(name), version);
    }

    /**
     * A fake JDK home: java, javac and jfr that answer -version like the real ones (java on stderr). Any other
     * {@code java} call prints its arguments, as "java ARGS", on stdout.
     */
    private static Path stubJdkAt(Path home, String version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = "-version" ]; then
                    echo 'openjdk version "%1$s" 2025-04-15' >&2
                    echo 'OpenJDK Runtime Environment (build %1$s+6)' >&2
                    echo 'OpenJDK 64-Bit Server VM (build %1$s+6, mixed mode, sharing)' >&2
                    exit 0
                fi
                [ -n "$STUB_JAVA_LOG" ] && echo "$0" >>"$STUB_JAVA_LOG"
                echo java "$@"
                """.formatted(version));
        script(bin.resolve("javac"), """
                #!/bin/sh
                [ "$1" = "-version" ] && echo 'javac %s'
                exit 0
                """.formatted(version));
        script(bin.resolve("jfr"), "#!/bin/sh\nexit 0\n");
        return home;
    }

    /**
     * A stub JDK 21 whose java plays class-data sharing: {@code -XX:DumpLoadedClassList=F} writes a class list to F
     * ("list" in {@code tmp/dumps}), {@code -Xshare:dump} writes the {@code -XX:SharedArchiveFile} ("dump"; it fails
     * while {@code tmp/refuse-dump} exists), {@code -Xshare:on} accepts it ("check"); {@code -version} is logged as
     * "version" in {@code tmp/java}. Any other call prints "java ARGS", as {@link #stubJdkAt} does.
     */
    private Path cdsJdk(String name, String version) throws IOException {
        Path home = stubJdk(name, version);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        script(home.resolve("bin/java"), """
                #!/bin/sh
                tmp='%1$s'
                if [ "$1" = "-version" ]; then
                    echo version >>"$tmp/java"
                    echo 'openjdk version "%2$s" 2025-04-15' >&2
                    exit 0
                fi
                for a in "$@"; do
                    case $a in
                        -XX:DumpLoadedClassList=*) echo list >>"$tmp/dumps"; echo 'dev/vtlab/Main id: 7' >"${a#*=}" ;;
                    esac
                done
                case " $* " in
                    *" -Xshare:dump "*)
                        echo dump >>"$tmp/dumps"
                        [ -f "$tmp/refuse-dump" ] && exit 1
                        for a in "$@"; do
                            case $a in -XX:SharedArchiveFile=*) echo archive >"${a#*=}" ;; esac
                        done
                        exit 0 ;;
                    *" -Xshare:on "*) echo check >>"$tmp/dumps"; exit 0 ;;
                esac
                echo java "$@"
                """.formatted(tmp, version));
        return home;
    }

    private List<String> dumps() throws IOException {
        Path log = tmp.resolve("dumps");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<String> javaLog() throws IOException {
        Path log = tmp.resolve("java");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /**
     * A repository with this checkout's launcher, a stub {@code ./mvnw} and a stub installer. The stub Maven
     * appends "start" and "end" to {@code tmp/builds} (and "overlap" if another build is running); while
     * {@code tmp/hold-first-build} exists, the first build waits up to 20 s for a second vtlab to say it waits for
     * the lock. The stub installer appends "RELEASE CACHE" to {@code tmp/installs} and puts a marked stub JDK into
     * the cache.
     */
    private Path scratchRepo() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(REPO.resolve("vtlab"), repo.resolve("vtlab"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(repo.resolve("jfr-profiles"));
        Path sources = Files.createDirectories(repo.resolve("src/main"));
        Files.writeString(sources.resolve("Lesson.java"), "class Lesson {}\n");
        Files.createDirectories(sources.resolve("java25"));
        Path logs = tmp;
        script(repo.resolve("mvnw"), """
                #!/bin/sh
                logs='%s'
                mkdir "$logs/building" 2>/dev/null || echo overlap >>"$logs/builds"
                echo start >>"$logs/builds"
                echo "$*" >>"$logs/maven-args"
                jar=''
                for arg; do
                    case $arg in -Dvtlab.jdk25.home=*) jar=META-INF/versions/25/dev/vtlab/threading/StructuredRunner.class ;; esac
                done
                if [ -f "$logs/hold-first-build" ] && mkdir "$logs/first-build" 2>/dev/null; then
                    i=0
                    until grep -q 'waiting for the build' "$logs/second.err" 2>/dev/null || [ $i -ge 200 ]; do
                        sleep 0.1
                        i=$((i + 1))
                    done
                fi
                mkdir -p target && printf '%%s' "$jar" >target/vtlab.jar
                echo end >>"$logs/builds"
                rmdir "$logs/building"
                """.formatted(logs));
        script(Files.createDirectories(repo.resolve("src/launcher")).resolve("install-jdk.sh"), """
                #!/bin/sh
                echo "$1 $2" >>'%s/installs'
                home="$2/jdk-$1"
                mkdir -p "$home/bin"
                for tool in java javac jfr; do %s '%s'/bin/$tool "$home/bin/"; done
                %s -i "s/@RELEASE@/$1/" "$home/bin/java" "$home/bin/javac"
                echo 'java: openjdk version "'$1'.0.9"' >"$home/%s"
                echo "$home"
                """.formatted(logs, systemTool("cp"), stubJdkAt(tmp.resolve("installable"), "@RELEASE@.0.9"),
                systemTool("sed"), MARKER));
        return repo;
    }

    /** No JDK anywhere, installing allowed, and the tools the launcher wants before it runs an installer. */
    private Map<String, String> installAllowed() throws IOException {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "the launcher installs only on Debian-like systems");
        Path debianTools = Files.createDirectories(tmp.resolve("debian-tools"));
        for (String tool : List.of("apt-get", "dpkg", "dpkg-deb")) {
            script(debianTools.resolve(tool), "#!/bin/sh\nexit 1\n");
        }
        Files.createSymbolicLink(debianTools.resolve("flock"), systemTool("flock"));
        return Map.of("VTLAB_NO_INSTALL", "0", "PATH", toolbox + ":" + debianTools);
    }

    private List<String> builds() throws IOException {
        Path log = tmp.resolve("builds");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static Path script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path systemTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path tool = Path.of(dir, name);
            if (Files.isExecutable(tool)) {
                return tool;
            }
        }
        throw new IllegalStateException("no " + name + " in /usr/bin or /bin");
    }

    private Result vtlab(Map<String, String> env, String... args) throws Exception {
        return run(REPO.resolve("vtlab"), tmp, env, args);
    }

    private Result run(Path launcher, Path workingDir, Map<String, String> env, String... args) throws Exception {
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process process = start(launcher, workingDir, env, err, args);
        int exit = finish(process);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        assertNoComplaints(err);
        return new Result(exit, lines, read(err));
    }

    /** Neither bash nor the toolbox complained: no unset variable, no missing tool, no GNU-only option. */
    private static void assertNoComplaints(Path stderrFile) {
        String stderr = read(stderrFile);
        for (String complaint : List.of("unbound variable", "command not found", "illegal option", "unknown primary")) {
            assertFalse(stderr.contains(complaint), "launcher stderr has '" + complaint + "': " + stderr);
        }
    }

    private Process start(Path launcher, Map<String, String> env, Path err, String... args) throws IOException {
        return start(launcher, tmp, env, err, args);
    }

    private Process start(Path launcher, Path workingDir, Map<String, String> env, Path err, String... args)
            throws IOException {
        assertTrue(Files.isExecutable(launcher), "launcher not found or not executable: " + launcher);
        var command = new ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> environment = pb.environment();
        environment.clear();
        environment.put("PATH", toolbox.toString());
        environment.put("HOME", home.toString());
        environment.put("VTLAB_CACHE", cache.toString());
        environment.put("VTLAB_JVM_DIRS", jvmDirs.toString());
        environment.put("VTLAB_NO_INSTALL", "1");
        environment.putAll(env);
        // stdout is small (a few lines), so the pipe cannot fill up before the process ends.
        return pb.redirectError(err.toFile()).start();
    }

    /** The exit code, within 25 s; stderr never holds bash's own complaints. */
    private static int finish(Process process) throws Exception {
        boolean exited = process.waitFor(25, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(exited, "launcher did not finish within 25 s");
        return process.exitValue();
    }

    private static int exitCodeOf(Path tool, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue();
    }

    /** Polls a file another process writes, for up to 20 s: there is no event to wait on. */
    private static void awaitFileContains(Path file, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!read(file).contains(text)) {
            assertTrue(Instant.now().isBefore(deadline), "no '" + text + "' in " + file + " within 20 s");
            Thread.sleep(20);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.vtlab.jfr;

import dev.vtlab.testing.Recordings;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {

    static final Path SOURCE = Path.of(System.getProperty("basedir", "."), "jfr-profiles");

    /** The jar's copy is the repository's file, byte for byte: jfr-profiles/ is the source of truth. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    @Timeout(10)
    void theBuildCarriesTheRepositorysFile(Profile profile) throws Exception {
        try (InputStream in = Profile.class.getResourceAsStream("/jfr-profiles/" + profile.fileName())) {
            assertArrayEquals(Files.readAllBytes(SOURCE.resolve(profile.fileName())), in.readAllBytes());
        }
    }

    /** Contention and pinning are on at 1 ms; what leaks secrets or weighs a lot is off. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    @Timeout(10)
    void recordsTheLessonsEventsAndNothingThatCanLeakASecret(Profile profile) {
        Map<String, String> settings = profile.configuration().getSettings();
        for (String event : List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
                "jdk.VirtualThreadPinned")) {
            assertEquals("true", settings.get(event + "#enabled"), event);
            assertEquals("1 ms", settings.get(event + "#threshold"), event);
        }
        for (String event : List.of("jdk.VirtualThreadSubmitFailed", "vtlab.LessonRun", "vtlab.TaskUpdate",
                "vtlab.AccountTrial", "vtlab.PinningTrial")) {
            assertEquals("true", settings.get(event + "#enabled"), event);
        }
        for (String event : List.of("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty",
                "jdk.SystemProcess", "jdk.JVMInformation", "jdk.ThreadSleep", "jdk.VirtualThreadStart")) {
            assertEquals("false", settings.get(event + "#enabled"), event);
        }
    }

    @Test
    @Timeout(10)
    void onlyTheProfileSamplesMethodsAndAllocations() {
        Map<String, String> lean = Profile.VTLAB.configuration().getSettings();
        Map<String, String> deep = Profile.PROFILE.configuration().getSettings();
        assertEquals("false", lean.get("jdk.ExecutionSample#enabled"));
        assertEquals("true", deep.get("jdk.ExecutionSample#enabled"));
        assertEquals("true", deep.get("jdk.ObjectAllocationSample#enabled"));
    }

    /** The JDK's own tools accept both files: jfr configure, and -XX:StartFlightRecording:settings=. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    @Timeout(60)
    void theJdksToolsAcceptTheFile(Profile profile, @TempDir Path tmp) throws Exception {
        Path jfc = SOURCE.resolve(profile.fileName()).toAbsolutePath();
        Configuration.create(jfc); // the API parses the repository's file too

        Recordings.jfrTool("configure", "--input", jfc.toString(), "--output", tmp.resolve("out.jfc").toString());
        assertTrue(Files.size(tmp.resolve("out.jfc")) > 0);

        Path recording = tmp.resolve("started.jfr");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:jfr+startup=off", "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + recording,
                "-version").redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertTrue(java.waitFor(30, TimeUnit.SECONDS), "java -version with the settings did not finish");
        assertEquals(0, java.exitValue(), output);
        assertTrue(Recordings.countByType(recording).containsKey("jdk.CPUInformation"));
    }
}

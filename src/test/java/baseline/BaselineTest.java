package baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baseline programs use nothing of the lab, and do their work when started on their own, without the lab's
 * {@code --enable-preview}.
 */
class BaselineTest {

    /** A class name in a descriptor or signature: {@code Ljava/lang/String;}. */
    private static final Pattern DESCRIBED = Pattern.compile("L([A-Za-z_$][\\w/$]*);");

    /** Every class a compiled baseline class names (its constant pool) is the JDK's ({@code java.}) or a baseline. */
    @Test
    @Timeout(30)
    void baselinesNameNoClassOutsideJavaAndThemselves() throws Exception {
        Path dir = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("baseline");
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() >= 5, "expected Hello, PlainTrials (and its Account), PlainScale, PlainCounter: " + classes);
        Set<String> foreign = new TreeSet<>();
        for (Path c : classes) {
            for (String name : namedClasses(c)) {
                if (!name.startsWith("java/") && !name.startsWith("baseline/")) {
                    foreign.add(c.getFileName() + " -> " + name);
                }
            }
        }
        assertEquals(Set.of(), foreign);
    }

    /** The test must be able to fail: the scan sees a lab class where one is named. */
    @Test
    @Timeout(30)
    void theScanFindsALabClass() throws Exception {
        Path main = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/vtlab/Main.class");
        assertTrue(namedClasses(main).contains("dev/vtlab/cli/Cli"), namedClasses(main).toString());
    }

    /**
     * 50 unguarded tasks, each sleeping 200 ms between its read and its write, lose updates: the ending is below
     * 50 x 10 (all of them start within a few milliseconds, so in practice it is 10).
     */
    @Test
    @Timeout(60)
    void plainCounterLosesUpdatesAsTheLessonDoes() throws Exception {
        String out = run("baseline.PlainCounter", "50", "200");
        assertElapsedAtLeast(out, "tasks=50", 200_000_000);
        Matcher ending = Pattern.compile("^ending (\\d+)$", Pattern.MULTILINE).matcher(out);
        assertTrue(ending.find(), out);
        long value = Long.parseLong(ending.group(1));
        assertTrue(value >= 10 && value < 500, "some updates lost, as unguarded tasks lose them: " + out);
    }

    @Test
    @Timeout(60)
    void plainTrialsCountsEveryTrialsEnding() throws Exception {
        String out = run("baseline.PlainTrials", "200", "1");
        assertElapsedAtLeast(out, "trials=200", 1_000_000);
        Matcher ending = Pattern.compile("^ending (-?\\d+): (\\d+)$", Pattern.MULTILINE).matcher(out);
        int total = 0;
        while (ending.find()) {
            assertTrue(Set.of("-50", "0", "150").contains(ending.group(1)), "an ending no order gives: " + out);
            total += Integer.parseInt(ending.group(2));
        }
        assertEquals(200, total, out);
    }

    /** The first line, {@code elapsed_ns=N COUNT}, with at least {@code nanos}: the sleep it must include. */
    private static void assertElapsedAtLeast(String out, String count, long nanos) {
        Matcher head = Pattern.compile("^elapsed_ns=(\\d+) " + count + "$", Pattern.MULTILINE).matcher(out);
        assertTrue(head.find(), out);
        assertTrue(Long.parseLong(head.group(1)) >= nanos, "at least the sleep, " + nanos + " ns: " + out);
    }

    @Test
    @Timeout(30)
    void helloSaysHello() throws Exception {
        assertEquals("Hello", run("baseline.Hello").strip());
    }

    /** Starts the program as {@code vtlab bench} does: its own JVM, this class path, no {@code --enable-preview}. */
    private static String run(String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The classes a class file names: its CONSTANT_Class entries and the classes in its descriptors. */
    private static Set<String> namedClasses(Path classFile) throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); var data = new DataInputStream(in)) {
            data.readInt();                     // magic
            data.readUnsignedShort();           // minor
            data.readUnsignedShort();           // major
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classEntries = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7 -> classEntries.add(data.readUnsignedShort());
                    case 8, 16, 19, 20 -> data.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.readInt();
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 5, 6 -> {
                        data.readLong();
                        i++;                    // a long or double takes two entries
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
            for (int index : classEntries) {
                String name = utf8[index];
                names.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
            }
            for (String s : utf8) {
                if (s != null) {
                    Matcher m = DESCRIBED.matcher(s);
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        names.removeIf(n -> n.length() == 1 && "BCDFIJSZV".contains(n)); // primitive arrays: [I -> I
        return names;
    }
}

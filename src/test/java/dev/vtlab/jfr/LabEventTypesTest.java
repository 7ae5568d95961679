package dev.vtlab.jfr;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Flight Recorder event vtlab defines, in any package, reads well in JDK Mission Control: a {@code vtlab.}
 * name, a label, a description, the vtlab category, and a label on every field (STYLE.md §7). The events are found
 * by scanning the compiled main classes, so an event added later is checked without editing this test.
 */
@Timeout(30)
class LabEventTypesTest {

    /** The events known today; the scan must find at least these, or it is not looking in the right place. */
    private static final List<String> KNOWN = List.of("vtlab.LessonRun", "vtlab.AccountTrial", "vtlab.PinningTrial",
            "vtlab.TaskUpdate", "vtlab.SubtaskStart", "vtlab.SubtaskEnd", "vtlab.SubtaskFailure",
            "vtlab.SubtaskCancellation", "vtlab.MetricsFlush");

    @Test
    void everyLabEventIsNamedLabelledDescribedAndCategorised() throws Exception {
        List<EventType> types = labEventTypes();
        List<String> names = types.stream().map(EventType::getName).toList();
        assertTrue(names.containsAll(KNOWN), "found " + names);
        for (EventType type : types) {
            String name = type.getName();
            assertTrue(name.startsWith("vtlab."), name);
            assertNotNull(type.getLabel(), name + " has no @Label");
            assertNotNull(type.getDescription(), name + " has no @Description");
            assertTrue(type.getCategoryNames().contains("vtlab"), name + " is in " + type.getCategoryNames());
            type.getFields().forEach(f -> assertNotNull(f.getLabel(), name + "." + f.getName() + " has no @Label"));
        }
    }

    /** Every concrete {@link Event} subclass compiled from src/main, as JFR registers it. */
    private static List<EventType> labEventTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(LessonRunEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected the main classes as a directory, got " + classes);
        List<String> binaryNames;
        try (Stream<Path> files = Files.walk(classes)) {
            // META-INF/versions/25 holds the JDK 25 build of a class, not a class of its own (a multi-release jar)
            binaryNames = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !classes.relativize(f).startsWith("META-INF"))
                    .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .toList();
        }
        ClassLoader loader = LabEventTypesTest.class.getClassLoader();
        List<EventType> types = new ArrayList<>();
        for (String binaryName : binaryNames) {
            Class<?> cls = Class.forName(binaryName, false, loader);
            if (Event.class.isAssignableFrom(cls) && !Modifier.isAbstract(cls.getModifiers())) {
                types.add(EventType.getEventType(cls.asSubclass(Event.class)));
            }
        }
        return types;
    }
}

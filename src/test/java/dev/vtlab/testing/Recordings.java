package dev.vtlab.testing;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reading recordings back in tests: with the JDK's parser, with JDK Mission Control's, and with the jfr tool. */
public final class Recordings {

    private Recordings() {
    }

    /** Every event, in file order, read with {@code jdk.jfr.consumer}. */
    public static List<RecordedEvent> events(Path file) throws IOException {
        return RecordingFile.readAllEvents(file);
    }

    /** Events per type name, read with the JDK's parser. */
    public static Map<String, Long> countByType(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedEvent e : events(file)) {
            counts.merge(e.getEventType().getName(), 1L, Long::sum);
        }
        return counts;
    }

    /** Events per type identifier, read with JDK Mission Control's own parser (JMC core). */
    public static Map<String, Long> countByTypeWithJmc(Path file) throws IOException, CouldNotLoadRecordingException {
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile());
        Map<String, Long> counts = new TreeMap<>();
        for (IItemIterable iterable : items) {
            counts.merge(iterable.getType().getIdentifier(), iterable.getItemCount(), Long::sum);
        }
        return counts;
    }

    /** What {@code $JAVA_HOME/bin/jfr ARGS} printed; fails the test if it does not exit 0 within 30 s. */
    public static String jfrTool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jfr").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes(); // ends when the tool exits
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jfr " + String.join(" ", args) + " did not finish in 30 s");
        }
        String text = new String(output);
        if (p.exitValue() != 0) {
            throw new AssertionError("jfr " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}

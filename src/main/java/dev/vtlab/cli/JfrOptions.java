package dev.vtlab.cli;

import dev.vtlab.jfr.Profile;
import dev.vtlab.jfr.Recorder;
import jdk.jfr.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --jfr[=FILE]} and {@code --jfr-settings}, the same on every lesson. A lesson adds two lines:
 * <pre>
 *     {@literal @}Mixin JfrOptions jfr;
 *     try (var session = LessonSession.open(spec, "counter", jfr, metrics, format, style)) { ...the runs... }
 * </pre>
 * ({@link LessonSession} calls {@link #start}.)
 */
final class JfrOptions {

    static final Path FOLDER = Path.of("recordings");

    @Option(names = "--jfr", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = {"Record the run with Flight Recorder into FILE",
                "(default: recordings/LESSON-TIME.jfr).",
                "The recording is whole even if the run fails or is stopped with Ctrl-C; open it in",
                "JDK Mission Control, or summarise it with 'vtlab jfr FILE'. Example: --jfr=run.jfr"})
    String file; // null: no recording; "": the default name

    @Option(names = "--jfr-settings", paramLabel = "SETTINGS", defaultValue = "vtlab",
            description = {"What --jfr records: vtlab (locks, pinning, the lab's events; lean, the default),",
                "profile (the same plus method and allocation sampling), or the path of a .jfc file.",
                "Example: --jfr-settings profile"})
    String settings;

    /**
     * Starts recording if {@code --jfr} was given; closing the result saves the file and prints where to
     * {@code out}: stdout beside a text report, stderr under {@code --format json} ({@link FormatOption#notes}).
     */
    Session start(CommandSpec spec, String lesson, PrintWriter out) {
        if (file == null) {
            return new Session(null);
        }
        Configuration configuration = configuration(spec);
        Path target = target(spec, lesson);
        try {
            return new Session(Recorder.start(configuration, target, saved -> {
                out.println("Flight Recorder: recording saved to " + display(saved));
                out.println("  Open it in JDK Mission Control, or summarise it: vtlab jfr " + display(saved));
                out.flush();
            }));
        } catch (IOException | SecurityException e) {
            throw new EnvironmentException("--jfr: cannot write the recording " + target + ": " + e);
        }
    }

    private Configuration configuration(CommandSpec spec) {
        for (Profile p : Profile.values()) {
            if (p.cliName().equalsIgnoreCase(settings.trim())) {
                return p.configuration();
            }
        }
        String names = Arrays.stream(Profile.values()).map(Profile::cliName).collect(Collectors.joining(", "));
        try {
            Path path = Path.of(settings);
            if (!Files.isRegularFile(path)) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--jfr-settings': '"
                        + settings + "' is neither " + names + " nor an existing .jfc file");
            }
            return Configuration.create(path);
        } catch (InvalidPathException | IOException | ParseException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--jfr-settings': '"
                    + settings + "' is not a readable .jfc file (" + e.getMessage() + "); use " + names
                    + " or a .jfc file");
        }
    }

    private Path target(CommandSpec spec, String lesson) {
        if (!file.isBlank()) {
            try {
                return Path.of(file);
            } catch (InvalidPathException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--jfr': '" + file
                        + "' is not a file name (" + e.getReason() + ")");
            }
        }
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT));
        return FOLDER.resolve(lesson + "-" + time + ".jfr");
    }

    /** Relative to the working directory when the file lies below it, as the user would type it. */
    private static String display(Path saved) {
        Path cwd = Path.of("").toAbsolutePath();
        return saved.startsWith(cwd) ? cwd.relativize(saved).toString() : saved.toString();
    }

    /** The recording of one command, or nothing when {@code --jfr} was not given. */
    static final class Session implements AutoCloseable {
        private final Recorder recorder; // null without --jfr

        private Session(Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void close() {
            if (recorder == null) {
                return;
            }
            try {
                recorder.close();
            } catch (IOException e) {
                throw new EnvironmentException("--jfr: cannot save the recording " + recorder.target() + ": " + e);
            }
        }
    }
}

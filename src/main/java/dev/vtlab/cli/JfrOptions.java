package dev.vtlab.cli;

import dev.vtlab.jfr.Profile;
import dev.vtlab.jfr.Recorder;
import dev.vtlab.jfr.Recorder.Phase;
import dev.vtlab.jfr.RecordingTarget;
import jdk.jfr.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code --jfr[=FILE]} and {@code --jfr-settings}, the same on every lesson. A lesson adds two lines:
 * <pre>
 *     {@literal @}Mixin JfrOptions jfr;
 *     try (var session = LessonSession.open(spec, "counter", jfr, metrics, format, style)) { ...the runs... }
 * </pre>
 * ({@link LessonSession} calls {@link #start}.)
 *
 * <p>Where the recording may go is checked as the option is parsed, so a bad path is a usage error (exit code 2)
 * before anything runs: a new file or an existing regular file in an existing folder ({@link RecordingTarget}). Only
 * the default folder, {@code recordings/}, is created. A recording that cannot be written whole is an environment
 * error (exit code 4), and "saved" is printed only for a file that was checked.
 *
 * <p><b>Test-only seam.</b> With {@code -Dvtlab.test.pauseAt=PHASE} (a {@link Phase}, any case), the run prints
 * {@code vtlab-test: paused at PHASE} on stderr when it reaches that phase, and waits there until the JVM begins to
 * exit (the test's signal); then it carries on, racing the shutdown hooks just as it would had the signal landed at
 * that moment. {@code InterruptedRecordingTest} signals at every phase this way, without sleeping. Nothing else sets
 * the property.
 */
final class JfrOptions {

    static final Path FOLDER = Path.of("recordings");

    /** The test-only system property of the seam described above. */
    static final String PAUSE_AT = "vtlab.test.pauseAt";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command; // the lesson's command, for the usage error of a bad --jfr=FILE

    private String file;            // null: no recording; "": the default name; written by picocli as it parses
    private RecordingTarget target; // --jfr=FILE, checked as it was parsed; null for the default name

    @Option(names = "--jfr", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = {"Record the run with Flight Recorder into FILE, a new or regular file in an existing",
                "folder (default: recordings/LESSON-TIME.jfr).",
                "The recording is whole even if the run fails or is stopped with Ctrl-C; open it in",
                "JDK Mission Control, or summarise it with './vtlab jfr FILE'. Example: --jfr=run.jfr"})
    void setFile(String value) {
        file = value;
        target = value.isBlank() ? null : target(value);
    }

    @Option(names = "--jfr-settings", paramLabel = "SETTINGS", defaultValue = "vtlab",
            description = {"What --jfr records: vtlab (locks, pinning, the lab's events; lean, the default),",
                "profile (the same plus method and allocation sampling), or the path of a .jfc file.",
                "Example: --jfr-settings profile"})
    String settings;

    /**
     * Starts recording if {@code --jfr} was given; closing the result saves the file and prints where to
     * {@code out}: stdout beside a text report, stderr under {@code --format json} ({@link FormatOption#notes}).
     * If the JVM exits while it records (Ctrl-C, SIGTERM), the same line, or one saying that nothing was kept,
     * is printed from the shutdown hook.
     */
    Session start(CommandSpec spec, String lesson, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        if (file == null) {
            return new Session(null, err);
        }
        Configuration configuration = configuration(spec);
        RecordingTarget where = target != null ? target(file) : defaultTarget(lesson); // checked again: time passed
        Recorder.Listener listener = new Recorder.Listener() {
            @Override
            public void saved(Path saved) {
                out.println("Flight Recorder: recording saved to " + display(saved));
                out.println("  Open it in JDK Mission Control, or summarise it: ./vtlab jfr " + display(saved));
                out.flush();
            }

            @Override
            public void notSaved(String why) {
                err.println(spec.qualifiedName() + ": --jfr: no recording was kept: " + why);
                err.flush();
            }

            @Override
            public void reached(Phase phase) {
                pauseIfAsked(phase, err);
            }
        };
        try {
            return new Session(Recorder.start(configuration, where, listener), err);
        } catch (Recorder.ExitingException e) {
            throw new EnvironmentException("--jfr: the run was stopped before the recording started; no recording"
                    + " was kept");
        } catch (IOException | IllegalStateException | SecurityException e) {
            // IllegalStateException: Flight Recorder cannot start in this JVM (say, -XX:-FlightRecorder)
            throw new EnvironmentException("--jfr: cannot record to " + where + ": " + e);
        }
    }

    /** {@code --jfr=FILE}: where it may go, or a usage error naming the path and why not. */
    private RecordingTarget target(String value) {
        try {
            return RecordingTarget.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '--jfr': '" + value
                    + "' is not a file name (" + e.getReason() + ")");
        } catch (FileSystemException e) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '--jfr': '" + value + "' "
                    + e.getReason() + "; use a new or a regular file in an existing folder (--jfr alone writes to "
                    + FOLDER + "/)");
        }
    }

    /** {@code recordings/LESSON-TIME.jfr}, creating the folder; exit code 4 if it cannot be. */
    private RecordingTarget defaultTarget(String lesson) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT));
        Path path = FOLDER.resolve(lesson + "-" + time + ".jfr");
        try {
            Files.createDirectories(FOLDER);
            return RecordingTarget.of(path);
        } catch (FileSystemException e) {
            throw new EnvironmentException("--jfr: cannot record to " + path + ": " + (e.getReason() == null
                    ? e.toString() : e.getReason()));
        } catch (IOException e) {
            throw new EnvironmentException("--jfr: cannot create the folder " + FOLDER + ": " + e);
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

    /** Relative to the working directory when the file lies below it, as the user would type it. */
    private static String display(Path saved) {
        Path cwd = Path.of("").toAbsolutePath();
        return saved.startsWith(cwd) ? cwd.relativize(saved).toString() : saved.toString();
    }

    /** The test-only seam described in the class comment; does nothing unless {@link #PAUSE_AT} names the phase. */
    static void pauseIfAsked(Phase phase, PrintWriter err) {
        if (!phase.name().equalsIgnoreCase(System.getProperty(PAUSE_AT, ""))) {
            return;
        }
        var exiting = new CountDownLatch(1);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(exiting::countDown, "vtlab test pause"));
        } catch (IllegalStateException alreadyExiting) {
            return;
        }
        err.println("vtlab-test: paused at " + phase);
        err.flush();
        try {
            exiting.await(); // the test signals this JVM, or kills it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The recording of one command, or nothing when {@code --jfr} was not given. */
    static final class Session implements AutoCloseable {
        private final Recorder recorder; // null without --jfr
        private final PrintWriter err;   // for the test-only pause

        private Session(Recorder recorder, PrintWriter err) {
            this.recorder = recorder;
            this.err = err;
        }

        /** The lesson begins: the test-only seam's {@link Phase#LESSON}. */
        void lessonBegins() {
            pauseIfAsked(Phase.LESSON, err);
        }

        @Override
        public void close() {
            if (recorder == null) {
                return;
            }
            try {
                recorder.close();
            } catch (Recorder.NotSavedException e) {
                throw new EnvironmentException("--jfr: no recording was kept: " + e.getMessage());
            } catch (IOException e) {
                throw new EnvironmentException("--jfr: cannot save the recording " + recorder.target() + ": " + e);
            }
        }
    }
}

package dev.vtlab.jfr;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where one recording may go: a new file, or an existing regular file (or a symlink to one, which is written
 * through), in a folder that already exists. Never a device, FIFO, socket or directory, nor a symlink to one of
 * those: the recording is written beside the target and renamed over it, and a rename replaces whatever the name
 * held (tried: {@code --jfr=/dev/full} as root replaced the device node with a regular file). No folder is created
 * here; a caller that owns a default folder creates it first.
 *
 * <p>Two temporary files live beside the target, and the same rules hold for them, because Flight Recorder opens
 * them through symlinks and blocks on a FIFO: {@code FILE.part}, the lab's own copy as it is written when the run
 * ends, and {@code FILE.exit.part}, where the JDK's shutdown hook writes the recording if the JVM exits while it
 * runs (see {@link Recorder}).
 *
 * <p>The rules are checked when the target is made; a file that changes kind afterwards (a race with another
 * process) is not caught.
 */
public final class RecordingTarget {

    private static final String REGULAR = "a regular file";
    private static final String SYMLINK = "a symlink";

    private final Path file;
    private final Path partial;
    private final Path exitPartial;

    private RecordingTarget(Path file) {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".part");
        this.exitPartial = file.resolveSibling(file.getFileName() + ".exit.part");
    }

    /**
     * The target for {@code requested}, absolute, with a symlink to a regular file resolved to that file.
     *
     * @throws FileSystemException if it may not be written; {@link FileSystemException#getReason()} says why in a
     *                             few words (for example "is a FIFO (named pipe)")
     */
    public static RecordingTarget of(Path requested) throws FileSystemException {
        Path absolute = requested.toAbsolutePath();
        if (absolute.getFileName() == null) {
            throw unfit(requested, "is a directory");
        }
        Path folder = absolute.getParent();
        if (!Files.isDirectory(folder)) {
            throw unfit(requested, Files.exists(folder) ? "is in " + folder + ", which is not a folder"
                    : "is in a folder that does not exist (" + folder + ")");
        }
        Path file = absolute;
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            String kind = kind(absolute, LinkOption.NOFOLLOW_LINKS);
            if (kind.equals(SYMLINK)) {
                if (!Files.exists(absolute)) {
                    throw unfit(requested, "is a symlink to nothing (or a loop of symlinks)");
                }
                String linked = kind(absolute);
                if (!linked.equals(REGULAR)) {
                    throw unfit(requested, "is a symlink to " + linked);
                }
                file = real(requested, absolute);
            } else if (!kind.equals(REGULAR)) {
                throw unfit(requested, "is " + kind);
            }
        }
        var target = new RecordingTarget(file);
        for (Path temporary : List.of(target.partial, target.exitPartial)) {
            if (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
                String kind = kind(temporary, LinkOption.NOFOLLOW_LINKS);
                if (!kind.equals(REGULAR)) {
                    throw unfit(requested, "needs " + temporary + " for writing, and that is " + kind
                            + "; remove it");
                }
            }
        }
        return target;
    }

    /** The whole recording's place. */
    public Path file() {
        return file;
    }

    /** The lab's copy as it is written when the run ends: {@code FILE.part}. */
    public Path partial() {
        return partial;
    }

    /** Where the JDK's shutdown hook writes the recording if the JVM exits while it runs: {@code FILE.exit.part}. */
    public Path exitPartial() {
        return exitPartial;
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** What kind of file {@code path} is, in words ("a regular file", "a directory", "a FIFO (named pipe)", ...). */
    private static String kind(Path path, LinkOption... options) throws FileSystemException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (IOException e) {
            throw unfit(path, "cannot be examined (" + e.getMessage() + ")");
        }
        if (attributes.isRegularFile()) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        if (attributes.isSymbolicLink()) {
            return SYMLINK;
        }
        try {
            // The portable attributes only say "other"; the unix view (Linux, macOS) has the type bits of st_mode.
            int mode = (Integer) Files.getAttribute(path, "unix:mode", options);
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file (a device, FIFO or socket)";
        }
    }

    private static Path real(Path requested, Path absolute) throws FileSystemException {
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw unfit(requested, "is a symlink that cannot be followed (" + e.getMessage() + ")");
        }
    }

    private static FileSystemException unfit(Path path, String reason) {
        return new FileSystemException(path.toString(), null, reason);
    }
}

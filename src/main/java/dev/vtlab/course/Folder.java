package dev.vtlab.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder a course writes into ({@code --out}), and how it writes: each file whole or not at all.
 *
 * <p>The folder is an existing folder (or a symlink to one), or a new one whose parent exists: only the last part of
 * the path is created, as {@code --jfr} creates no folders but its own. A path that exists and is not a folder, or
 * whose parent does not exist, is refused before anything runs ({@link #of}); a folder that cannot be created or
 * written is the environment's problem ({@link #create}).
 *
 * <p>A file is written to {@code NAME.part} beside its place and renamed over it in one atomic move, as a
 * recording is ({@code jfr/Recorder}): a reader, or a course stopped by a signal, sees the old file or the new one,
 * never half of one. A write that fails removes its {@code .part}.
 */
public final class Folder {

    private final Path path;

    private Folder(Path path) {
        this.path = path;
    }

    /**
     * The folder for {@code requested}, not yet created.
     *
     * @throws FileSystemException if it may not be used; {@link FileSystemException#getReason()} says why in a few
     *                             words ("is a regular file, not a folder")
     */
    public static Folder of(Path requested) throws FileSystemException {
        Path absolute = requested.toAbsolutePath().normalize();
        if (Files.exists(absolute)) { // through a symlink: a link to a folder is a folder
            if (!Files.isDirectory(absolute)) {
                throw unfit(requested, "is " + (Files.isRegularFile(absolute) ? "a regular file" : "not a regular"
                        + " file or folder") + ", not a folder");
            }
            return new Folder(requested);
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw unfit(requested, "is a symlink to nothing (or a loop of symlinks)");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw unfit(requested, parent != null && Files.exists(parent) ? "is in " + parent
                    + ", which is not a folder" : "is in a folder that does not exist (" + parent + ")");
        }
        return new Folder(requested);
    }

    /** Creates the folder if it does not exist yet, and checks that files can be written in it. */
    public void create() throws IOException {
        try {
            if (!Files.isDirectory(path)) {
                Files.createDirectory(path);
            }
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the folder " + path + " (permission denied)", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot create the folder " + path + " (" + reason(e) + ")", e);
        }
        if (!Files.isWritable(path)) {
            throw new IOException("cannot write in the folder " + path + " (permission denied)");
        }
    }

    /** The folder as the user named it: relative stays relative, so the paths printed read as typed. */
    public Path path() {
        return path;
    }

    /** A file of the folder. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Writes {@code text} to {@code name} in UTF-8, whole or not at all; returns its size in bytes. */
    public long write(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path target = path.resolve(name);
        Path partial = path.resolve(name + ".part");
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException notRemoved) {
                e.addSuppressed(notRemoved);
            }
            throw e;
        }
        return bytes.length;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    private static FileSystemException unfit(Path path, String reason) {
        return new FileSystemException(path.toString(), null, reason);
    }
}

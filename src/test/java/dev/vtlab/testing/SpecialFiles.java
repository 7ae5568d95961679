package dev.vtlab.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Files that are not regular files, made in a test's temporary folder: a FIFO, a socket, and (as root only) a
 * character device. The recording must never be written into one of them, nor replace one.
 */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** A FIFO (named pipe) at {@code path}, made with {@code mkfifo}. */
    public static Path fifo(Path path) throws IOException, InterruptedException {
        run("mkfifo", path.toString());
        return path;
    }

    /** A Unix-domain socket file at {@code path}; it stays after the channel that made it is closed. */
    public static Path socket(Path path) throws IOException {
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
        }
        return path;
    }

    /**
     * A character device like {@code /dev/null} (major 1, minor 3) at {@code path}, made with {@code mknod}; this
     * needs root (CAP_MKNOD), so it returns false where it cannot be made.
     */
    public static boolean device(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mknod", path.toString(), "c", "1", "3").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(path);
    }

    /** True if {@code path} is still what it was: not a regular file (and so not replaced by a recording). */
    public static boolean isSpecial(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).isOther();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}

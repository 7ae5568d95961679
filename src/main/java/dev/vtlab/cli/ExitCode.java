package dev.vtlab.cli;

/** The exit codes vtlab promises to scripts; {@code vtlab --help} lists them. */
public enum ExitCode {
    /** The lesson ran to the end. An INTERESTING outcome (a race shown on purpose) is a success. */
    OK(0),
    /** vtlab itself failed: an unexpected exception, a bug. */
    SOFTWARE(1),
    /** A bad option or value. */
    USAGE(2),
    /** A strategy broke its promise (a guard lost an update, a scope hid a failure): a FORBIDDEN outcome. */
    FORBIDDEN(3),
    /** The environment is not fit: a file cannot be written, preview features are off, and so on. */
    ENVIRONMENT(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

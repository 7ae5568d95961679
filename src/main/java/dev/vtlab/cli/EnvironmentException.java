package dev.vtlab.cli;

/** The machine or JVM cannot do what was asked (exit code 4); the message says what to change. */
public final class EnvironmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}

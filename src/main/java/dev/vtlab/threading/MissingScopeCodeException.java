package dev.vtlab.threading;

/**
 * This JVM cannot load the lab's {@code StructuredTaskScope} code: the jar has no version compiled for this JDK's
 * release (preview class files run only on theirs). An environment problem, not a bug: the message says how to
 * build the code for this JDK.
 */
public final class MissingScopeCodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MissingScopeCodeException(int feature, LinkageError cause) {
        super("this build has no StructuredTaskScope code for JDK " + feature + "; build it: ./vtlab build-jdk "
                + feature, cause);
    }
}

package dev.vtlab.threading;

/**
 * Which release's {@code StructuredTaskScope} code this JVM runs the lab's scopes with. vtlab.jar holds the JDK 21
 * version of {@code StructuredRunner} and, when it was built with JDK 25 ({@code ./vtlab build-jdk 25}), a JDK 25
 * version under {@code META-INF/versions/25}. A preview class file runs only on the release it was compiled for, so
 * on any other JDK (or on 25 with a jar built without it) the class cannot load: that is turned into
 * {@link MissingScopeCodeException}, which names the command that builds the code, instead of a linkage error deep
 * inside a lesson.
 */
public final class ScopeCode {

    private ScopeCode() {
    }

    /**
     * The release the loaded {@code StructuredRunner} was compiled for (21 or 25).
     *
     * @throws MissingScopeCodeException if this jar has no version of it for this JDK
     */
    public static int release() {
        try {
            return StructuredRunner.release();
        } catch (LinkageError e) { // UnsupportedClassVersionError, then NoClassDefFoundError on later tries
            throw new MissingScopeCodeException(Runtime.version().feature(), e);
        }
    }

    /** Fails with {@link MissingScopeCodeException} before a scope is used, if it could not load. */
    static void require() {
        release();
    }
}

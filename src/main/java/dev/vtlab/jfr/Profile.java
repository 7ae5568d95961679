package dev.vtlab.jfr;

import jdk.jfr.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * The lab's two Flight Recorder settings files. Their source of truth is the repository's {@code jfr-profiles/}
 * folder; the build copies it into the jar under {@code /jfr-profiles/}, so {@code java -jar vtlab.jar} finds them
 * from any working directory.
 */
public enum Profile {

    /** Lock contention, pinning and the lab's own events; lean enough to share with a class. */
    VTLAB("vtlab", "vtlab.jfc"),

    /** The same plus method and allocation sampling, for a deeper look in JDK Mission Control. */
    PROFILE("profile", "vtlab-profile.jfc");

    private final String cliName;
    private final String fileName;

    Profile(String cliName, String fileName) {
        this.cliName = cliName;
        this.fileName = fileName;
    }

    public String cliName() {
        return cliName;
    }

    public String fileName() {
        return fileName;
    }

    /** Parses the settings file from the jar (or the classes folder in a build). */
    public Configuration configuration() {
        String resource = "/jfr-profiles/" + fileName;
        try (InputStream in = Profile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build: check the pom's resources");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the lab's own " + resource + ": " + e.getMessage(), e);
        }
    }
}

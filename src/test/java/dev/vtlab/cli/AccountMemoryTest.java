package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtlab.testing.ChildVtlab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The account lesson's memory does not grow with its trials (issue 15): it counts each trial as it ends and keeps
 * a bounded number in flight. Before, 300,000 trials kept about 1.5 GB of steps and histories and could not run in
 * a 64 MB heap.
 */
class AccountMemoryTest {

    /** 300,000 trials in a 64 MB heap: every one counted, in the JSON as in the distribution. */
    @Test
    @Timeout(180)
    void threeHundredThousandTrialsFitInASixtyFourMegabyteHeap(@TempDir Path tmp) throws Exception {
        try (var child = ChildVtlab.start(tmp, false, List.of("-Xmx64m"),
                "account", "--trials", "300000", "--delay", "0", "--format", "json")) {
            assertEquals(ExitCode.OK.code(), child.waitFor(Duration.ofSeconds(170)), child.output());
            JsonNode run = new ObjectMapper().readTree(child.out()).at("/runs/0");
            assertEquals(300_000, run.at("/trialsDone").asInt(), child.out());
            long counted = StreamSupport.stream(run.at("/observed").spliterator(), false)
                    .mapToLong(row -> row.at("/trials").asLong()).sum();
            assertEquals(300_000, counted, child.out());
        }
    }
}

package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One result as every format sees it. JSON writes the fields (one schema for every lesson and tool:
 * {@code schema/vtlab-result.schema.json}); text and HTML lay out the {@link #blocks()}. The data of the runs and
 * the summary are each lesson's own records, made by its view from the same figures as its blocks.
 *
 * @param schema      the version of the JSON schema this document follows
 * @param lesson      {@code counter}, {@code account}, {@code pinning}, {@code failure}, {@code bench}, {@code jfr}
 * @param title       what the page shows, in a few words
 * @param command     the command line that repeats the run
 * @param machine     the JDK and cores it ran on
 * @param grade       the worst grade of the runs, or null where nothing is graded (bench, jfr)
 * @param interrupted true if Ctrl-C or SIGTERM stopped the run: the runs are those that finished
 * @param runs        each run's data, in the order they ran
 * @param summary     what the runs showed together, or null
 */
@JsonPropertyOrder({"schema", "lesson", "title", "command", "machine", "grade", "interrupted", "runs", "summary"})
public record Page(int schema, String lesson, String title, String command, Machine machine, String grade,
                   boolean interrupted, List<Object> runs, Object summary, @JsonIgnore List<Block> blocks) {

    /** The version of {@code vtlab-result.schema.json}; a change that breaks a reader raises it. */
    public static final int SCHEMA = 1;

    public Page {
        runs = List.copyOf(runs);
        blocks = List.copyOf(blocks);
    }

    /** The JDK, its vendor and the cores it saw, so a document says where its times came from. */
    public record Machine(String jdk, String vendor, int cores) {
        public static Machine current() {
            return new Machine(Runtime.version().toString(), System.getProperty("java.vendor"),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}

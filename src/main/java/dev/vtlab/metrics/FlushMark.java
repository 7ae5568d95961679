package dev.vtlab.metrics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A marker committed after a run so that the run's JFR events can be known to have reached the meters: a JFR
 * stream delivers events in order, so once the stream has delivered this mark it has delivered every event that
 * ended before it.
 */
@Name("vtlab.MetricsFlush")
@Label("Metrics flush mark")
@Category("vtlab")
@Description("Committed after a lesson run; seen by the metrics stream, it proves earlier events were delivered")
final class FlushMark extends Event {

    @Label("Mark id")
    long id;
}

package dev.vtlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtlab.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.vtlab.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AccountCommandTest {

    @Test
    void oneTrialTellsTheStoryAndNamesTheEnding() {
        Run run = run("account", "--schedule", "withdrawal-lost");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("deposit thread updating..."), run.out());
        assertTrue(run.out().contains("withdrawal thread finishing..."), run.out());
        assertTrue(run.out().contains("ending balance of 150"), run.out());
        assertTrue(run.out().contains("The withdrawal's write (-50) was lost"), run.out());
    }

    /** A forced schedule decides whose write is lost: no rule about readers or delays is offered for it. */
    @Test
    void aForcedScheduleOffersNoPredictionOfTheLoser() {
        Run run = run("account", "--trials", "20", "--schedule", "deposit-lost");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Race shown: 20 of 20"), run.out());
        assertTrue(!run.out().contains("first reader") && !run.out().contains("shorter delay"), run.out());
    }

    @Test
    void manyTrialsPrintTheDistributionBesideTheModel() {
        Run run = run("account", "--trials", "50", "--schedule", "deposit-lost", "--threads", "platform");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\\n\\s+-50\\s+50\\s+100\\.0%\\s+\\[92\\.9-100\\.0\\]\\s+INTERESTING\\s+"
                + "deposit lost\\n.*"), run.out());
        assertTrue(run.out().contains("Predicted: the 6 interleavings"), run.out());
        assertTrue(run.out().contains("-50 | #"), run.out());
        // Trial 1 is told as a story before the distribution, as the original lesson tells its one run.
        int story = run.out().indexOf("deposit thread updating");
        assertTrue(story >= 0 && story < run.out().indexOf("Observed in 50 trials"), run.out());
    }

    @Test
    void aTimelineShowsEachReadAndWrite() {
        Run run = run("account", "--schedule", "deposit-lost", "--timeline");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        int timeline = out.indexOf("Timeline of trial 1");
        assertTrue(timeline > 0, out);
        String lanes = out.substring(timeline);
        assertTrue(lanes.indexOf("read 100") < lanes.indexOf("write 150"), lanes);
        assertTrue(lanes.indexOf("write 150") < lanes.indexOf("write -50"), lanes);
    }

    @Test
    void jsonCarriesTheDistributionModelAndMachine() throws Exception {
        Run run = run("account", "--trials", "20", "--schedule", "serial", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("account", doc.get("lesson").asText());
        assertEquals(20, doc.at("/runs/0/parameters/trials").asInt());
        assertEquals(6, doc.at("/runs/0/model/interleavings").asInt());
        assertEquals(0, doc.at("/runs/0/observed/0/balance").asLong());
        assertEquals(20, doc.at("/runs/0/observed/0/trials").asInt());
        assertEquals("EXPECTED", doc.at("/runs/0/observed/0/grade").asText());
        assertEquals("correct", doc.at("/runs/0/verdict").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), doc.at("/machine/cores").asInt());
    }

    @Test
    void aGuardEndsEveryTrialAtZero() {
        Run run = run("account", "--trials", "200", "--sync", "lock", "--delay", "0", "--jitter", "50us");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("All 200 trials ended at 0"), run.out());
    }

    @Test
    void customOperationsGetTheirOwnModel() {
        Run run = run("account", "--ops=+50,-150,+20", "--schedule", "serial", "--trials", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("the 90 interleavings of 3 reads and 3 writes"), run.out());
        assertTrue(run.out().contains("All 3 trials ended at 20"), run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--trials 0                      | '--trials': 0 is out of range",
        "--trials 100000001 | '--trials': 100000001 is out of range; use a whole number from 1 to 100000000",
        "--ops=+50,x                     | '--ops' (AMOUNTS): '+50,x' is not a list of whole amounts",
        "--ops=1,2,3,4,5,6,7             | '--ops': 7 transactions; use 1 to 6",
        "--schedule sometimes            | '--schedule': unknown value 'sometimes'; use one of serial, deposit-lost",
        "--schedule serial --sync lock   | --schedule forces an order of unguarded reads and writes",
        "--ops=+5,+6 --schedule deposit-lost | needs exactly one deposit and one withdrawal",
        "--format yaml                   | '--format': unknown value 'yaml'; use one of text, json",
        "--jitter 1parsec                | '--jitter': '1parsec' is not a duration",
        "--format json -v                | --verbose adds each read and write to the text story"})
    void badInputIsOneLineAndExitsTwo(String args, String expected) {
        Run run = run(("account " + args.strip()).split(" +"));
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }
}

package dev.vtlab.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtlab.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's steps and their rules: the commands a student types, in teaching order; and each rule judging the
 * fields of a lesson's JSON document (only those it reads, in documents written here) as shown, inconclusive or
 * FAILED.
 */
@Timeout(10)
class SyllabusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void theStepsAreTheLessonsInTeachingOrderAsAStudentTypesThem() {
        assertEquals(List.of(
                "./vtlab counter --sync none",
                "./vtlab counter --sync synchronized",
                "./vtlab counter --sync lock",
                "./vtlab counter --sync cas",
                "./vtlab account",
                "./vtlab account --schedule withdrawal-lost --timeline --trials 100",
                "./vtlab pinning",
                "./vtlab failure"), Syllabus.steps().stream().map(s -> s.command(Knobs.DEFAULTS)).toList());
        assertEquals(List.of("counter", "account", "pinning", "failure"),
                Syllabus.LESSONS.stream().map(Step.Lesson::name).toList());
    }

    /** At the floors every knob is on the command line, and every command still parses. */
    @Test
    void theCommandsAtTheFloorsSayTheirSettingsAndParse() {
        List<String> commands = Syllabus.steps().stream().map(s -> s.command(Knobs.FLOORS)).toList();
        assertEquals("./vtlab counter --sync none --delay 10ms", commands.get(0));
        assertEquals("./vtlab account --trials 200", commands.get(4));
        assertEquals("./vtlab pinning --hold 50ms", commands.get(6));
        assertEquals("./vtlab failure --work 200ms --fail-after 20ms", commands.get(7));
        for (Step step : Syllabus.steps()) {
            var cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            cli.parseArgs(step.args().apply(Knobs.FLOORS).toArray(String[]::new)); // throws on a bad option
        }
    }

    @Test
    void knobsScaleBetweenTheFloorsAndTheDefaultsAndSayWhatChanged() {
        assertEquals(Knobs.DEFAULTS, Knobs.scaled(1));
        assertEquals(Knobs.FLOORS, Knobs.scaled(0));
        Knobs half = Knobs.scaled(0.5);
        assertEquals(List.of("counter --delay 100ms -> 50ms", "account --trials 1000 -> 500",
                "forced --trials 100 -> 50", "pinning --hold 200ms -> 100ms", "failure --work 1s -> 500ms", "--fail-after 50ms -> 25ms"),
                half.changes());
        assertEquals(List.of(), Knobs.DEFAULTS.changes());
        assertEquals(Knobs.FLOORS.failAfter(), Knobs.scaled(0.2).failAfter(), "50 ms x 0.2 is under its floor");
    }

    @Test
    void anUnguardedCounterThatLostAnUpdateShowedIt() throws Exception {
        String run = "{'grade':'%s','runs':[{'actual':%d,'expected':20,'retries':0}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "lost an update: 10, not 20"),
                Syllabus.unguarded(doc(run.formatted("INTERESTING", 10))));
        assertEquals(new Judgement(Verdict.INCONCLUSIVE, "no update lost this time: 20"),
                Syllabus.unguarded(doc(run.formatted("EXPECTED", 20))));
    }

    @Test
    void aGuardThatLostAnUpdateFailed() throws Exception {
        String run = "{'grade':'%s','runs':[{'actual':%d,'expected':20,'retries':%d}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "kept every update: 20 (2 retries)"),
                Syllabus.guarded(doc(run.formatted("EXPECTED", 20, 2))));
        assertEquals(Verdict.FAILED, Syllabus.guarded(doc(run.formatted("FORBIDDEN", 10, 0))).verdict());
    }

    @Test
    void theDistributionShowsWhenBothLostUpdateEndingsAppeared() throws Exception {
        String both = "{'grade':'INTERESTING','runs':[{'parameters':{'trials':1000},'observed':["
                + "{'balance':0,'trials':2,'grade':'EXPECTED'},{'balance':150,'trials':500,'grade':'INTERESTING'},"
                + "{'balance':-50,'trials':498,'grade':'INTERESTING'}]}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "150: 500, -50: 498 of 1000"), Syllabus.bothEndings(doc(both)));
        String one = "{'grade':'INTERESTING','runs':[{'parameters':{'trials':1000},'observed':["
                + "{'balance':0,'trials':2,'grade':'EXPECTED'},{'balance':150,'trials':998,'grade':'INTERESTING'}]}]}";
        assertEquals(new Judgement(Verdict.INCONCLUSIVE, "only one ending: 150: 998 of 1000"),
                Syllabus.bothEndings(doc(one)));
        String forbidden = "{'grade':'FORBIDDEN','runs':[{'parameters':{'trials':10},'observed':["
                + "{'balance':-100,'trials':10,'grade':'FORBIDDEN'}]}]}";
        assertEquals(Verdict.FAILED, Syllabus.bothEndings(doc(forbidden)).verdict());
    }

    @Test
    void aForcedOrderThatDidNotForceItsEndingFailed() throws Exception {
        String forced = "{'grade':'INTERESTING','runs':[{'parameters':{'trials':100},'observed':["
                + "{'balance':150,'trials':100,'grade':'INTERESTING'}]}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "150 in all 100 trials"), Syllabus.forcedEnding(doc(forced)));
        String leaked = "{'grade':'INTERESTING','runs':[{'parameters':{'trials':100},'observed':["
                + "{'balance':150,'trials':99,'grade':'INTERESTING'},{'balance':0,'trials':1,'grade':'EXPECTED'}]}]}";
        assertEquals(new Judgement(Verdict.FAILED, "the forced order did not force 150: 150: 99, 0: 1"),
                Syllabus.forcedEnding(doc(leaked)));
    }

    @Test
    void pinningShowsWhenOnlySynchronizedStalledTheHeartbeat() throws Exception {
        String runs = "{'grade':'INTERESTING','runs':[{'lock':'synchronized','stalled':%s,'heartbeatWorstDelayMs':%s},"
                + "{'lock':'lock','stalled':%s,'heartbeatWorstDelayMs':%s}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "stall 594 ms; lock 3 ms"),
                Syllabus.stall(doc(runs.formatted("true", "593.6", "false", "3.2"))));
        assertEquals(Verdict.INCONCLUSIVE, Syllabus.stall(doc(runs.formatted("false", "12", "false", "3")))
                .verdict());
        assertEquals(Verdict.INCONCLUSIVE, Syllabus.stall(doc(runs.formatted("true", "600", "true", "400")))
                .verdict());
    }

    @Test
    void theFailureLessonFailsOnlyOnAForbiddenWay() throws Exception {
        String runs = "{'runs':[{'number':1,'way':'fire-and-forget','grade':'INTERESTING','caller':{'atMs':1000}},"
                + "{'number':2,'way':'get-in-order','grade':'INTERESTING','caller':{'atMs':1003.4}},"
                + "{'number':3,'way':'scope','grade':'%s','caller':{'atMs':52}},"
                + "{'number':4,'way':'ignored','grade':'INTERESTING','caller':{'atMs':1000}}]}";
        assertEquals(new Judgement(Verdict.SHOWN, "lost; late (1003 ms); scope 52 ms"),
                Syllabus.failures(doc(runs.formatted("EXPECTED"))));
        Judgement forbidden = Syllabus.failures(doc(runs.formatted("FORBIDDEN")));
        assertEquals(Verdict.FAILED, forbidden.verdict());
        assertTrue(forbidden.showed().contains("3 scope"), forbidden.showed());
    }
}

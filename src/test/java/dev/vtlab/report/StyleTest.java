package dev.vtlab.report;

import dev.vtlab.lesson.Grade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class StyleTest {

    @Test
    void coloursOnlyAnInteractiveTerminal() {
        assertTrue(Style.detect(Map.of(), true).ansi());
        assertFalse(Style.detect(Map.of(), false).ansi());
    }

    @Test
    void noColorTurnsColourOffAndEmptyNoColorDoesNot() {
        assertFalse(Style.detect(Map.of("NO_COLOR", "1"), true).ansi());
        assertTrue(Style.detect(Map.of("NO_COLOR", ""), true).ansi());
        assertFalse(Style.detect(Map.of("TERM", "dumb"), true).ansi());
    }

    @Test
    void plainStyleLeavesTextAlone() {
        assertEquals("task 1", Style.plain().task("task 1"));
        assertEquals("\u001b[1mx\u001b[0m", new Style(true).bold("x"));
    }

    /** Every report paints a grade the same way: EXPECTED green, INTERESTING yellow, FORBIDDEN red. */
    @Test
    void paintsEachGradeItsOwnColour() {
        var ansi = new Style(true);
        assertEquals("\u001b[32mok\u001b[0m", ansi.grade(Grade.EXPECTED, "ok"));
        assertEquals("\u001b[33mok\u001b[0m", ansi.grade(Grade.INTERESTING, "ok"));
        assertEquals("\u001b[31mok\u001b[0m", ansi.grade(Grade.FORBIDDEN, "ok"));
        for (Grade grade : Grade.values()) {
            assertEquals("ok", Style.plain().grade(grade, "ok"));
        }
    }
}

package dev.vtlab.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machinery table's class names fit the 80-column table; the JSON keeps them whole (MachineryData). */
class JfrViewTest {

    @Test
    void aLongClassNameHasItsPackagesCutToLetters() {
        // the name a 'pinning --jfr' recording listed once, 66 characters: its row was 83 columns wide
        String timer = "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue";
        assertEquals("j.u.c.ScheduledThreadPoolExecutor$DelayedWorkQueue", JfrView.shortClass(timer));
        assertTrue(JfrView.shortClass(timer).length() <= JfrView.TAKER_WIDTH);
    }

    @Test
    void aNameThatFitsIsLeftWhole() {
        assertEquals("java.util.concurrent.LinkedBlockingQueue", JfrView.shortClass(
                "java.util.concurrent.LinkedBlockingQueue"));
        String noPackage = "X".repeat(JfrView.TAKER_WIDTH + 5);
        assertEquals(noPackage, JfrView.shortClass(noPackage));
    }
}

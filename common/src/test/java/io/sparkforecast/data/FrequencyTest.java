package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class FrequencyTest {
    @Test
    void monthlyStepsFollowTheCalendar() {
        Frequency monthly = Frequency.parse("P1M");
        LocalDateTime origin = LocalDateTime.parse("1960-12-01T00:00");
        assertEquals(LocalDateTime.parse("1961-01-01T00:00"), monthly.plus(origin, 1));
        assertEquals(LocalDateTime.parse("1961-12-01T00:00"), monthly.plus(origin, 12));
        // Month ends do not drift: each step is counted from the origin.
        assertEquals(LocalDateTime.parse("2020-03-31T00:00"),
                monthly.plus(LocalDateTime.parse("2020-01-31T00:00"), 2));
    }

    @Test
    void durationsStepInTime() {
        Frequency quarterHour = Frequency.parse("pt15m");
        assertEquals(LocalDateTime.parse("2024-01-01T01:00"),
                quarterHour.plus(LocalDateTime.parse("2024-01-01T00:00"), 4));
        assertEquals("PT15M", quarterHour.toString());
    }

    @Test
    void invalidOrNonPositiveFrequenciesAreRejected() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Frequency.parse("monthly"));
        assertTrue(bad.getMessage().contains("'monthly'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("P0D"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("-PT1H"));
    }
}

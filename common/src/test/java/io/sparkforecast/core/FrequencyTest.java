package io.sparkforecast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void monthEndGridsStayOnMonthEnds() {
        Frequency monthly = Frequency.parse("P1M");
        LocalDateTime january = LocalDateTime.parse("2021-01-31T00:00");
        assertEquals(LocalDateTime.parse("2021-02-28T00:00"), monthly.plus(january, 1));
        assertEquals(LocalDateTime.parse("2021-04-30T00:00"), monthly.plus(january, 3));
        assertEquals(LocalDateTime.parse("2020-12-31T00:00"), monthly.plus(LocalDateTime.parse("2021-02-28T00:00"), -2));
        assertEquals(monthly.alignment(january), monthly.alignment(LocalDateTime.parse("2021-02-28T00:00")));
    }

    @Test
    void stepIndexIsTheGridPositionOrNullOffTheGrid() {
        Frequency daily = Frequency.parse("P1D");
        LocalDateTime anchor = LocalDateTime.parse("2020-01-01T00:00");
        assertEquals(31L, daily.stepIndex(anchor, LocalDateTime.parse("2020-02-01T00:00")));
        assertEquals(-1L, daily.stepIndex(anchor, LocalDateTime.parse("2019-12-31T00:00")));
        assertNull(daily.stepIndex(anchor, LocalDateTime.parse("2020-01-02T12:00")));

        Frequency weekly = Frequency.parse("P7D");
        assertEquals(2L, weekly.stepIndex(anchor, LocalDateTime.parse("2020-01-15T00:00")));
        assertNull(weekly.stepIndex(anchor, LocalDateTime.parse("2020-01-16T00:00")));

        Frequency quarterly = Frequency.parse("P3M");
        assertEquals(4L, quarterly.stepIndex(anchor, LocalDateTime.parse("2021-01-01T00:00")));
        assertNull(quarterly.stepIndex(anchor, LocalDateTime.parse("2020-02-01T00:00")));
        assertNull(Frequency.parse("P1M").stepIndex(anchor, LocalDateTime.parse("2020-02-02T00:00")));

        Frequency quarterHour = Frequency.parse("PT15M");
        assertEquals(5L, quarterHour.stepIndex(anchor, LocalDateTime.parse("2020-01-01T01:15")));
        assertNull(quarterHour.stepIndex(anchor, LocalDateTime.parse("2020-01-01T01:16")));
    }

    @Test
    void sameAlignmentIsEqualityOfTheAlignmentKeys() {
        java.util.Random random = new java.util.Random(5);
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
        for (String text : new String[] {"PT1H", "PT15M", "PT90M", "P1D", "P7D", "P1M", "P3M", "P1Y"}) {
            Frequency frequency = Frequency.parse(text);
            for (int i = 0; i < 2_000; i++) {
                // Timestamps on whole days, hours, quarter hours and month ends, so that keys often match.
                LocalDateTime a = timestamp(random, start);
                LocalDateTime b = random.nextInt(4) == 0 ? frequency.plus(a, random.nextInt(40) - 20)
                        : timestamp(random, start);
                assertEquals(frequency.alignment(a).equals(frequency.alignment(b)), frequency.sameAlignment(a, b),
                        text + " " + a + " " + b);
            }
        }
    }

    private static LocalDateTime timestamp(java.util.Random random, LocalDateTime start) {
        LocalDateTime day = start.plusDays(random.nextInt(3 * 365));
        return switch (random.nextInt(4)) {
            case 0 -> day;
            case 1 -> day.plusHours(random.nextInt(24));
            case 2 -> day.plusMinutes(15L * random.nextInt(96));
            default -> day.withDayOfMonth(day.toLocalDate().lengthOfMonth());
        };
    }

    @Test
    void alignmentSeparatesGrids() {
        Frequency hourly = Frequency.parse("PT1H");
        assertEquals(hourly.alignment(LocalDateTime.parse("2020-01-01T00:00")),
                hourly.alignment(LocalDateTime.parse("2020-03-05T17:00")));
        assertNotEquals(hourly.alignment(LocalDateTime.parse("2020-01-01T00:00")),
                hourly.alignment(LocalDateTime.parse("2020-01-01T00:30")));
        Frequency daily = Frequency.parse("P1D");
        assertNotEquals(daily.alignment(LocalDateTime.parse("2020-01-01T00:00")),
                daily.alignment(LocalDateTime.parse("2020-01-01T06:00")));
    }

    @Test
    void invalidOrNonPositiveFrequenciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("P1M2D"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Frequency.parse("monthly"));
        assertTrue(bad.getMessage().contains("'monthly'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("P0D"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("-PT1H"));
    }

    @Test
    void defaultSeasonFollowsTheCalendar() {
        assertEquals(12, Frequency.parse("P1M").defaultSeason());
        assertEquals(4, Frequency.parse("P3M").defaultSeason());
        assertEquals(1, Frequency.parse("P1Y").defaultSeason());
        assertEquals(7, Frequency.parse("P1D").defaultSeason());
        assertEquals(52, Frequency.parse("P7D").defaultSeason());
        assertEquals(24, Frequency.parse("PT1H").defaultSeason());
        assertEquals(48, Frequency.parse("PT30M").defaultSeason());
        assertEquals(1, Frequency.parse("PT7H").defaultSeason());
    }
}

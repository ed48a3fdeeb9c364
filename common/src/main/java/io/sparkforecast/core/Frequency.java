package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The spacing of a series' observations, as an ISO-8601 period in whole days (P1D, P7D) or
 * whole months (P1M, P3M, P1Y), or a duration (PT1H, PT15M). It defines each series' time grid:
 * step k is anchor + k * frequency. Monthly grids anchored on a month's last day stay on month
 * ends (Jan 31, Feb 28, Mar 31, ...).
 */
public final class Frequency implements Serializable {
    private final String text;
    private final long months;
    private final long days;
    private final Duration duration;

    private Frequency(String text, long months, long days, Duration duration) {
        this.text = text;
        this.months = months;
        this.days = days;
        this.duration = duration;
    }

    @JsonCreator
    public static Frequency parse(String text) {
        String iso = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (iso.startsWith("PT")) {
                Duration duration = Duration.parse(iso);
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("frequency must be positive: " + text);
                }
                return new Frequency(iso, 0, 0, duration);
            }
            Period period = Period.parse(iso).normalized();
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("frequency must be positive: " + text);
            }
            if (period.getDays() != 0 && period.toTotalMonths() != 0) {
                throw new IllegalArgumentException("frequency " + text + " mixes months and days; use one of them");
            }
            return new Frequency(iso, period.toTotalMonths(), period.getDays(), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period (P1M, P7D, P1D) "
                    + "or duration (PT1H, PT15M)");
        }
    }

    /** The timestamp {@code steps} observations after {@code origin} (before, when negative). */
    public LocalDateTime plus(LocalDateTime origin, long steps) {
        if (duration != null) {
            return origin.plus(duration.multipliedBy(steps));
        }
        if (days != 0) {
            return origin.plusDays(days * steps);
        }
        if (isMonthEnd(origin)) {
            return YearMonth.from(origin).plusMonths(months * steps).atEndOfMonth().atTime(origin.toLocalTime());
        }
        return origin.plusMonths(months * steps);
    }

    /**
     * Which grid a timestamp lies on: the timestamps of a regular series share this key, so the
     * most common key of a series tells its grid (a month's last day counts as "end").
     */
    public String alignment(LocalDateTime ts) {
        if (duration != null) {
            long micros = ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), ts);
            return Long.toString(Math.floorMod(micros, duration.toNanos() / 1_000));
        }
        String time = ts.toLocalTime().toString();
        if (days != 0) {
            return Math.floorMod(ts.toLocalDate().toEpochDay(), days) + "@" + time;
        }
        long monthPhase = Math.floorMod(ts.getYear() * 12L + ts.getMonthValue() - 1, months);
        String day = isMonthEnd(ts) ? "end" : Integer.toString(ts.getDayOfMonth());
        return monthPhase + "/" + day + "@" + time;
    }

    /**
     * Whether two timestamps have the same {@link #alignment} key, without making the keys (a
     * series check compares each row with the one before, and making two strings a row cost
     * it a quarter of its time).
     */
    public boolean sameAlignment(LocalDateTime a, LocalDateTime b) {
        if (duration != null) {
            return Math.floorMod(ChronoUnit.MICROS.between(a, b), duration.toNanos() / 1_000) == 0;
        }
        if (!a.toLocalTime().equals(b.toLocalTime())) {
            return false;
        }
        if (days != 0) {
            return Math.floorMod(b.toLocalDate().toEpochDay() - a.toLocalDate().toEpochDay(), days) == 0;
        }
        long monthsApart = (b.getYear() * 12L + b.getMonthValue()) - (a.getYear() * 12L + a.getMonthValue());
        boolean end = isMonthEnd(a);
        return Math.floorMod(monthsApart, months) == 0 && end == isMonthEnd(b)
                && (end || a.getDayOfMonth() == b.getDayOfMonth());
    }

    /** The grid step of {@code ts} counted from {@code anchor}, or null when ts is not on the grid. */
    public Long stepIndex(LocalDateTime anchor, LocalDateTime ts) {
        long step;
        if (duration != null) {
            long micros = ChronoUnit.MICROS.between(anchor, ts);
            long unit = duration.toNanos() / 1_000;
            if (Math.floorMod(micros, unit) != 0) {
                return null;
            }
            step = Math.floorDiv(micros, unit);
        } else if (days != 0) {
            long between = ChronoUnit.DAYS.between(anchor.toLocalDate(), ts.toLocalDate());
            if (Math.floorMod(between, days) != 0) {
                return null;
            }
            step = Math.floorDiv(between, days);
        } else {
            long between = (ts.getYear() - anchor.getYear()) * 12L + ts.getMonthValue() - anchor.getMonthValue();
            if (Math.floorMod(between, months) != 0) {
                return null;
            }
            step = Math.floorDiv(between, months);
        }
        return plus(anchor, step).equals(ts) ? step : null;
    }

    /**
     * The usual season length of data at this frequency, in steps: a year of months or quarters
     * (12, 4), a week of days (7), a year of weeks (52), a day of hours or minutes (24, 48 at
     * PT30M, ...); 1 (no season) where none divides evenly, e.g. yearly data.
     */
    public int defaultSeason() {
        if (duration != null) {
            long seconds = duration.getSeconds();
            return seconds < 86_400 && 86_400 % seconds == 0 ? (int) (86_400 / seconds) : 1;
        }
        if (days != 0) {
            return days == 1 ? 7 : days == 7 ? 52 : 1;
        }
        return months < 12 && 12 % months == 0 ? (int) (12 / months) : 1;
    }

    private static boolean isMonthEnd(LocalDateTime ts) {
        LocalDate date = ts.toLocalDate();
        return date.getDayOfMonth() == date.lengthOfMonth();
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frequency f && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}

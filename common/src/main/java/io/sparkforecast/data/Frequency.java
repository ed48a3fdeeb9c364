package io.sparkforecast.data;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The spacing of a series' observations, as an ISO-8601 period (P1M, P7D) or duration
 * (PT1H, PT15M). Dates forecasts: the k-th step after an origin is origin + k * frequency.
 */
public final class Frequency implements Serializable {
    private final String text;
    private final Period period;
    private final Duration duration;

    private Frequency(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    public static Frequency parse(String text) {
        String iso = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (iso.startsWith("PT")) {
                Duration duration = Duration.parse(iso);
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("frequency must be positive: " + text);
                }
                return new Frequency(iso, null, duration);
            }
            Period period = Period.parse(iso);
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("frequency must be positive: " + text);
            }
            return new Frequency(iso, period, null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period (P1M, P7D, P1D) "
                    + "or duration (PT1H, PT15M)");
        }
    }

    /** The timestamp {@code steps} observations after {@code origin}. */
    public LocalDateTime plus(LocalDateTime origin, int steps) {
        return period != null ? origin.plus(period.multipliedBy(steps)) : origin.plus(duration.multipliedBy(steps));
    }

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

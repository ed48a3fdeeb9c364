package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDateTime;
import java.util.Locale;

/** Inputs computed from a time step's timestamp, scaled to [0, 1]. */
public enum CalendarFeature {
    MONTH_OF_YEAR {
        @Override
        public double value(LocalDateTime ts) {
            return (ts.getMonthValue() - 1) / 11.0;
        }
    },
    DAY_OF_WEEK {
        @Override
        public double value(LocalDateTime ts) {
            return (ts.getDayOfWeek().getValue() - 1) / 6.0;
        }
    },
    DAY_OF_MONTH {
        @Override
        public double value(LocalDateTime ts) {
            return (ts.getDayOfMonth() - 1) / 30.0;
        }
    },
    HOUR_OF_DAY {
        @Override
        public double value(LocalDateTime ts) {
            return ts.getHour() / 23.0;
        }
    };

    public abstract double value(LocalDateTime ts);

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CalendarFeature of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

package io.sparkforecast.report;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One series' forecasts and actual values at the same times, for a plot.
 *
 * @param lower null without prediction intervals; NaN where a forecast has none
 * @param upper null without prediction intervals; NaN where a forecast has none
 */
public record SeriesForecast(String seriesId, List<LocalDateTime> times, double[] actual, double[] forecast,
                             double[] lower, double[] upper) {
    public SeriesForecast {
        times = List.copyOf(times);
    }
}

package io.sparkforecast.core;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * What to generate: {@code series} series of {@code steps} values each, from {@code start} at
 * the series frequency.
 *
 * @param partitionBy none, day, month or year (a DATE column {@code date}), or bucket (an INT
 *                    column {@code bucket} = hash(series_id) mod buckets)
 */
public record GenerateSpec(
        SeriesFamily family,
        int series,
        int steps,
        LocalDateTime start,
        long seed,
        int period,
        double noise,
        int classes,
        GeneratePartitioning partitionBy,
        int buckets) implements Serializable {
}

package io.sparkforecast.features;

import java.time.LocalDateTime;

/** One row of the samples table (see {@link SamplesTable#SCHEMA}), as prepare encodes it. */
public record WindowSample(String seriesId, LocalDateTime windowEnd, float[] features, float[] target, String split) {
}

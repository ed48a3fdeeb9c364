package io.sparkforecast.features;

import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;

/**
 * What happens to the value between the series table and the network, as prepare resolved it.
 *
 * @param differenceLag x[t] = y[t] - y[t - lag] before scaling; 0 = none
 * @param baseline      the naive forecast the targets are residuals of; null = none
 * @param season        season length of the data (the seasonal baseline's)
 */
public record ValueTransform(int differenceLag, ValueScaling scaling, NaiveForecast baseline, int season) {

    public static ValueTransform of(SampleEncoder encoder) {
        return new ValueTransform(encoder.differenceLag(), encoder.scaling(), encoder.baseline(), encoder.season());
    }
}

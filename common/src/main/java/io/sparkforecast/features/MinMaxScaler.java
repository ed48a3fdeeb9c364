package io.sparkforecast.features;

import java.io.Serializable;

/**
 * Maps [min, max] (fitted on a series' train part) to [0, 1]. Values outside the fitted range
 * map outside [0, 1]; a constant series (min = max) is only shifted.
 */
public record MinMaxScaler(double min, double max) implements Serializable {

    public double scale(double x) {
        return (x - min) / span();
    }

    public double unscale(double scaled) {
        return scaled * span() + min;
    }

    private double span() {
        return max > min ? max - min : 1.0;
    }
}

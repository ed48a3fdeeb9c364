package io.sparkforecast.features;

import java.io.Serializable;
import java.util.List;

/** One series' scalers: index 0 for the (differenced) value, then one per extra feature column. */
public record SeriesScalers(double[] min, double[] max) implements Serializable {

    public static SeriesScalers of(List<Double> min, List<Double> max) {
        return new SeriesScalers(SamplesTable.toDoubles(min), SamplesTable.toDoubles(max));
    }

    public MinMaxScaler value() {
        return feature(0);
    }

    public MinMaxScaler extra(int i) {
        return feature(i + 1);
    }

    private MinMaxScaler feature(int i) {
        return new MinMaxScaler(min[i], max[i]);
    }
}

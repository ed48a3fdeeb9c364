package io.sparkforecast.features;

import io.sparkforecast.input.SeriesColumns;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The samples table written by prepare (see
 * {@link io.sparkforecast.prepare.PreparedSeries#samples()}) and read by train: one row per window,
 * series_id, window_end_ts, features ARRAY&lt;FLOAT&gt; (lookback x inputs, time-major), target
 * ARRAY&lt;FLOAT&gt; (horizon), partitioned by split.
 */
public final class SamplesTable {
    public static final String WINDOW_END_TS = "window_end_ts";
    public static final String FEATURES = "features";
    public static final String TARGET = "target";
    public static final String SPLIT = "split";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(WINDOW_END_TS, DataTypes.TimestampNTZType, false)
            .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(TARGET, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(SPLIT, DataTypes.StringType, false);

    private SamplesTable() {
    }

    public static double[] toDoubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    public static float[] toFloats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}

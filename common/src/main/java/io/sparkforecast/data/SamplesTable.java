package io.sparkforecast.data;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The samples table written by prepare and read by train: one row per window,
 * series_id, window_end_ts, features ARRAY&lt;FLOAT&gt; (lookback x inputs, time-major),
 * target ARRAY&lt;FLOAT&gt; (horizon), partitioned by split.
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

    /**
     * Encoded samples of every full window (history and observed, not filled, targets) of the
     * series that have scalers; each sample belongs to the split of its last target.
     *
     * @param scalers one row per series: series_id, scaler_min, scaler_max (see ScalerTable.wide)
     */
    public static Dataset<Row> build(Dataset<Row> gridded, Dataset<Row> scalers, SampleEncoder encoder,
                                     TimeSplit split, int extras) {
        int horizon = encoder.horizon();
        Dataset<Row> windows = SeriesWindows.windows(gridded, encoder.windowLength(), horizon, extras)
                .filter(size(col(SeriesWindows.FUTURE)).equalTo(horizon)
                        .and(not(array_contains(col(SeriesWindows.FUTURE_FILLED), true))))
                .withColumn(SPLIT, split.splitOf(col(SeriesColumns.POSITION).plus(horizon),
                        col(SeriesColumns.SERIES_LENGTH)))
                .join(scalers, SeriesColumns.SERIES_ID);
        return windows.map(encodeFunction(encoder, extras), Encoders.row(SCHEMA));
    }

    private static MapFunction<Row, Row> encodeFunction(SampleEncoder encoder, int extras) {
        return row -> {
            SeriesWindow window = SeriesWindows.toWindow(row, extras);
            double[] future = toDoubles(row.getList(row.fieldIndex(SeriesWindows.FUTURE)));
            return RowFactory.create(row.getString(row.fieldIndex(SeriesColumns.SERIES_ID)),
                    row.get(row.fieldIndex(SeriesColumns.TS)), encoder.features(window),
                    encoder.target(window.values(), future, window.scalers().value()),
                    row.getString(row.fieldIndex(SPLIT)));
        };
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

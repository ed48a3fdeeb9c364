package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
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
 * series_id, window_end_ts, features ARRAY&lt;FLOAT&gt; (lookback x features, time-major),
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
     * Encoded samples of every full window (history and horizon) of the series that have a
     * scaler; each sample belongs to the split of its last target.
     */
    public static Dataset<Row> build(Dataset<Row> positioned, Dataset<Row> scalers, SampleEncoder encoder,
                                     TimeSplit split) {
        int horizon = encoder.horizon();
        Dataset<Row> windows = SeriesWindows.windows(positioned, encoder.historyLength(), horizon)
                .filter(size(col(SeriesWindows.FUTURE)).equalTo(horizon))
                .withColumn(SPLIT, split.splitOf(col(SeriesColumns.POSITION).plus(horizon),
                        col(SeriesColumns.SERIES_LENGTH)))
                .join(scalers.select(SeriesColumns.SERIES_ID, ScalerTable.MIN, ScalerTable.MAX),
                        SeriesColumns.SERIES_ID)
                .select(col(SeriesColumns.SERIES_ID), col(SeriesColumns.TS), col(SeriesWindows.HISTORY),
                        col(SeriesWindows.FUTURE), col(SPLIT), col(ScalerTable.MIN), col(ScalerTable.MAX));
        return windows.map(encodeFunction(encoder), Encoders.row(SCHEMA));
    }

    private static MapFunction<Row, Row> encodeFunction(SampleEncoder encoder) {
        return row -> {
            MinMaxScaler scaler = new MinMaxScaler(row.getDouble(5), row.getDouble(6));
            double[] history = toDoubles(row.getList(2));
            double[] future = toDoubles(row.getList(3));
            return RowFactory.create(row.getString(0), row.get(1), encoder.features(history, scaler),
                    encoder.target(history, future, scaler), row.getString(4));
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

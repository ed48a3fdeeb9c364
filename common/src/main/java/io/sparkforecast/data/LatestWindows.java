package io.sparkforecast.data;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The most recent window of each series: the last {@code historyLength} steps of its last
 * regular part (oldest first), ending at the forecast origin, taken from each series in memory
 * (see {@link SeriesLoader#loadSeries}).
 */
public final class LatestWindows {
    /** How many steps the window has (less than historyLength: too short to forecast). */
    public static final String AVAILABLE = "available";

    private LatestWindows() {
    }

    /** series_id, ts (origin), step, anchor, history, extras' histories, available. */
    public static Dataset<Row> of(SparkSession spark, JavaRDD<SeriesRows> series, GapPolicy policy,
                                  Frequency frequency, int historyLength, int extras) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType, false)
                .add(SeriesColumns.STEP, DataTypes.LongType, false)
                .add(SeriesColumns.ANCHOR, DataTypes.TimestampNTZType, false)
                .add(SeriesWindows.HISTORY, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        for (int i = 0; i < extras; i++) {
            schema = schema.add(SeriesWindows.extraHistory(i), DataTypes.createArrayType(DataTypes.DoubleType, false),
                    false);
        }
        schema = schema.add(AVAILABLE, DataTypes.LongType, false);
        return spark.createDataFrame(series.map(rows -> latest(RegularSeries.of(rows, policy, frequency),
                historyLength)), schema);
    }

    /** The window of the last min(historyLength, its length) steps of the series' last part. */
    static Row latest(RegularSeries series, int historyLength) {
        int end = series.size();
        int start = Math.max(series.segmentStart(series.segments() - 1), end - historyLength);
        Object[] fields = new Object[6 + series.extras().length];
        fields[0] = series.seriesId();
        fields[1] = series.ts(end - 1);
        fields[2] = series.step(end - 1);
        fields[3] = series.anchor();
        fields[4] = Arrays.copyOfRange(series.values(), start, end);
        for (int e = 0; e < series.extras().length; e++) {
            fields[5 + e] = Arrays.copyOfRange(series.extras()[e], start, end);
        }
        fields[fields.length - 1] = (long) (end - start);
        return RowFactory.create(fields);
    }
}

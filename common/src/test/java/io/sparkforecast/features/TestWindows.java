package io.sparkforecast.features;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Encoders, windows and daily series for tests of the value-only case. */
public final class TestWindows {
    public static final LocalDateTime ANCHOR = LocalDateTime.of(2020, 1, 1, 0, 0);

    private TestWindows() {
    }

    public static SampleEncoder encoder(int lookback, int horizon, int lag) {
        return new SampleEncoder(lookback, horizon, lag, List.of(), 0, Frequency.parse("P1D"));
    }

    /** A value-only window ending at grid step values.length - 1. */
    public static SeriesWindow window(double[] values, MinMaxScaler scaler) {
        return new SeriesWindow(values, new double[0][], ANCHOR, values.length - 1,
                new SeriesScalers(new double[] {scaler.min()}, new double[] {scaler.max()}));
    }

    /** Clean rows of SeriesLoader (series_id, ts, value, step, anchor) as a table. */
    public static Dataset<Row> clean(SparkSession spark, List<Row> rows) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType)
                .add(SeriesColumns.VALUE, DataTypes.DoubleType)
                .add(SeriesColumns.STEP, DataTypes.LongType)
                .add(SeriesColumns.ANCHOR, DataTypes.TimestampNTZType);
        return spark.createDataFrame(rows, schema);
    }

    /** A clean row on day {@code day} (1 = ANCHOR) of a daily series. */
    public static Row day(String series, int day, double value) {
        return RowFactory.create(series, ANCHOR.plusDays(day - 1), value, (long) day - 1, ANCHOR);
    }

    /** The value-only rows of a daily series on the given days (1 = ANCHOR, ascending). */
    public static SeriesRows daily(String series, int[] days, double[] values) {
        long[] steps = new long[days.length];
        long[] ts = new long[days.length];
        for (int i = 0; i < days.length; i++) {
            steps[i] = days[i] - 1;
            ts[i] = SeriesRows.micros(ANCHOR.plusDays(days[i] - 1));
        }
        return new SeriesRows(series, ANCHOR, steps, ts, values, new double[0][]);
    }

    /** Days 1..values.length. */
    public static SeriesRows daily(String series, double... values) {
        int[] days = new int[values.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = i + 1;
        }
        return daily(series, days, values);
    }
}

package io.sparkforecast.eval;

import io.sparkforecast.classical.ArimaBacktest;
import io.sparkforecast.classical.EtsBacktest;
import io.sparkforecast.config.ClassicalMethod;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.series.TimeSplit;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * evaluate's forecasts of a classical method (evaluate.classical): each series gathered on an
 * executor, its models chosen and fitted there (ETS by EtsBacktest, ARIMA by ArimaBacktest: on the
 * train part for validation targets, before the test part for test targets), then forecast from
 * every origin of the backtest, from the last step before the validation part on.
 */
final class ClassicalForecasts {
    static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(MetricsTable.HORIZON, DataTypes.IntegerType, false)
            .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(MetricsTable.PREDICTION, DataTypes.DoubleType, false)
            .add(FallbackTable.ETS_FORM, DataTypes.StringType, false);

    private ClassicalForecasts() {
    }

    /** One series' backtest: its forecasts by origin and the form chosen before the test part. */
    private record SeriesBacktest(double[][] fromEachOrigin, String form) {
    }

    /**
     * @param rows regular series rows: series_id, position, ts, value, series_length (steps missing
     *             under the split gap policy have no row)
     * @return series_id, horizon, target_ts, prediction for every target with a row, and the form
     *         chosen before the test part (in the column {@link FallbackTable#ETS_FORM})
     */
    static Dataset<Row> of(Dataset<Row> rows, ClassicalMethod method, TimeSplit split, int horizon, int season) {
        return rows.select(SeriesColumns.SERIES_ID, SeriesColumns.POSITION, SeriesColumns.TS, SeriesColumns.VALUE,
                        SeriesColumns.SERIES_LENGTH)
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (id, series) ->
                        forecasts(id, series, method, split, horizon, season).iterator(), Encoders.row(SCHEMA));
    }

    private static List<Row> forecasts(String id, Iterator<Row> series, ClassicalMethod method, TimeSplit split,
                                       int horizon, int season) {
        List<Row> rows = new ArrayList<>();
        series.forEachRemaining(rows::add);
        int length = (int) ((Number) rows.get(0).get(4)).longValue();
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        LocalDateTime[] times = new LocalDateTime[length];
        for (Row row : rows) {
            int position = (int) ((Number) row.get(1)).longValue();
            times[position] = row.getAs(SeriesColumns.TS);
            values[position] = row.getDouble(3);
        }
        int validationStart = (int) split.trainRows(length);
        int testStart = (int) split.testStart(length);
        Optional<SeriesBacktest> backtest = backtest(values, method, validationStart, testStart, horizon, season);
        List<Row> out = new ArrayList<>();
        if (backtest.isEmpty()) {
            return out;
        }
        String form = backtest.get().form();
        for (int origin = Math.max(0, validationStart - 1); origin < length - 1; origin++) {
            for (int h = 1; h <= horizon && origin + h < length; h++) {
                double forecast = backtest.get().fromEachOrigin()[origin][h - 1];
                if (times[origin + h] != null && Double.isFinite(forecast)) {
                    out.add(RowFactory.create(id, h, times[origin + h], forecast, form));
                }
            }
        }
        return out;
    }

    private static Optional<SeriesBacktest> backtest(double[] values, ClassicalMethod method, int validationStart,
                                                     int testStart, int horizon, int season) {
        return switch (method) {
            case ETS -> EtsBacktest.of(values, validationStart, testStart, horizon, season).map(b -> new SeriesBacktest(
                    b.fromEachOrigin(), (b.testModel() == null ? b.validationModel() : b.testModel()).spec().toString()));
            case ARIMA -> ArimaBacktest.of(values, validationStart, testStart, horizon, season).map(b ->
                    new SeriesBacktest(b.fromEachOrigin(),
                            (b.testModel() == null ? b.validationModel() : b.testModel()).spec().toString()));
        };
    }
}

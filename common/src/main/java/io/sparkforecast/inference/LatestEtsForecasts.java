package io.sparkforecast.inference;

import static org.apache.spark.sql.functions.broadcast;

import io.sparkforecast.classical.EtsEstimator;
import io.sparkforecast.classical.EtsModel;
import io.sparkforecast.classical.EtsSpec;
import io.sparkforecast.input.SeriesColumns;
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
 * score's ETS forecasts: for each series whose published methods need ETS, the form evaluate
 * chose for it (on the rows before its test part) fitted again on the series up to the run date,
 * on an executor, and its forecasts of the steps after the series' last. A series whose form
 * cannot be fitted there (too few values for its season, or none feasible) has no row.
 */
public final class LatestEtsForecasts {
    /** The time of the series' last step, the forecasts' origin. */
    public static final String ORIGIN = "ets_origin";
    /** Forecasts of steps 1, 2, ... after the origin. */
    public static final String FORECASTS = "ets_forecasts";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(ORIGIN, DataTypes.TimestampNTZType, false)
            .add(FORECASTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private LatestEtsForecasts() {
    }

    /**
     * @param rows  regular series rows: series_id, position, ts, value, series_length (steps
     *              missing under the split gap policy have no row)
     * @param forms series_id, {@link FallbackTable#ETS_FORM} and {@link FallbackTable#SEASON} of the
     *              series that need ETS
     */
    public static Dataset<Row> of(Dataset<Row> rows, Dataset<Row> forms, int horizon) {
        return rows.select(SeriesColumns.SERIES_ID, SeriesColumns.POSITION, SeriesColumns.TS, SeriesColumns.VALUE,
                        SeriesColumns.SERIES_LENGTH)
                .join(broadcast(forms.select(SeriesColumns.SERIES_ID, FallbackTable.ETS_FORM, FallbackTable.SEASON)),
                        SeriesColumns.SERIES_ID)
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (id, series) ->
                        forecast(id, series, horizon).stream().iterator(), Encoders.row(SCHEMA));
    }

    /** One series' rows: series_id, position, ts, value, series_length, form, season. */
    private static Optional<Row> forecast(String id, Iterator<Row> series, int horizon) {
        List<Row> rows = new ArrayList<>();
        series.forEachRemaining(rows::add);
        Row any = rows.get(0);
        int length = (int) ((Number) any.get(4)).longValue();
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        LocalDateTime last = null;
        for (Row row : rows) {
            int position = (int) ((Number) row.get(1)).longValue();
            values[position] = row.getDouble(3);
            if (position == length - 1) {
                last = row.getAs(SeriesColumns.TS);
            }
        }
        if (last == null || any.isNullAt(6)) {
            return Optional.empty();
        }
        LocalDateTime origin = last;
        return forecast(values, any.getString(5), any.getInt(6), horizon)
                .map(forecasts -> RowFactory.create(id, origin, forecasts));
    }

    /**
     * Forecasts of the {@code horizon} steps after {@code values} (NaN where missing) by the form
     * {@code form} (R's name, such as ETS(M,Ad,M)) fitted to them; empty where it cannot be fitted.
     */
    public static Optional<double[]> forecast(double[] values, String form, int season, int horizon) {
        EtsSpec spec;
        try {
            spec = EtsSpec.parse(form, season);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return EtsEstimator.fit(spec, values).map(model -> {
            EtsModel.Filtered run = model.filter(values);
            double[] forecasts = model.forecast(run.last(), horizon);
            return Arrays.stream(forecasts).allMatch(Double::isFinite) ? forecasts : null;
        });
    }
}

package io.sparkforecast.series;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import io.sparkforecast.input.ValidatedSeriesRows;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A series table read as prepare and score read it: checked per series in memory
 * ({@link SeriesLoader#loadSeries}) and made regular per series ({@link RegularSeries}). What
 * evaluate reads: the table's grid rows, for its per-series tables, and its sliding windows, for
 * the model, both made from the one check. Close it to release the check's cached rows.
 */
public final class RegularSeriesTable implements AutoCloseable {
    private final SparkSession spark;
    private final ValidatedSeriesRows checked;
    private final GapPolicy policy;
    private final Frequency frequency;
    private final int extras;

    private RegularSeriesTable(SparkSession spark, ValidatedSeriesRows checked, GapPolicy policy, Frequency frequency,
                               int extras) {
        this.spark = spark;
        this.checked = checked;
        this.policy = policy;
        this.frequency = frequency;
        this.extras = extras;
    }

    /**
     * Checks the table (one pass; fails when no row is usable, as prepare does).
     *
     * @param extraColumns numeric feature columns to carry (named as in the input)
     * @param cutoff       exclusive upper bound on ts, or null for all rows
     */
    public static RegularSeriesTable load(SparkSession spark, SeriesSource source, List<String> extraColumns,
                                          LocalDateTime cutoff, AcceptedValues accepted) {
        return new RegularSeriesTable(spark, SeriesLoader.loadSeries(spark, source, extraColumns, cutoff, accepted),
                source.gapPolicy(), source.frequency(), extraColumns.size());
    }

    /**
     * One row per grid step of each series: series_id, ts, step, anchor, value, extra_0..,
     * segment, filled, position, series_length (see {@link SeriesColumns}). Under gap policy split
     * missing steps have no row and each run of steps is a segment; under a fill policy they are
     * filled (flagged) and the series is segment 0.
     */
    public Dataset<Row> rows() {
        GapPolicy gapPolicy = policy;
        Frequency grid = frequency;
        return spark.createDataFrame(checked.series().flatMap(rows ->
                gridRows(RegularSeries.of(rows, gapPolicy, grid)).iterator()), rowSchema(extras));
    }

    /** The first grid position whose window a caller wants, from the series' length in grid steps. */
    @FunctionalInterface
    public interface FirstOrigin extends Serializable {
        long position(long seriesLength);
    }

    /**
     * One row per grid row from {@code firstOrigin} on with at least {@code minimumHistory} steps of
     * its segment up to and including it: the row's columns ({@link #rows()}) plus the last up to
     * {@code historyLength} values ({@link SlidingWindows#HISTORY}, oldest first) and the extras'
     * histories, and the next up to {@code futureLength} values of the segment
     * ({@link SlidingWindows#FUTURE}) with their fill flags ({@link SlidingWindows#FUTURE_FILLED}).
     * Earlier rows get no window: their history arrays would be made only to be filtered out.
     */
    public Dataset<Row> windows(int historyLength, int minimumHistory, int futureLength, FirstOrigin firstOrigin) {
        GapPolicy gapPolicy = policy;
        Frequency grid = frequency;
        return spark.createDataFrame(checked.series().flatMap(rows -> {
            RegularSeries series = RegularSeries.of(rows, gapPolicy, grid);
            return SlidingWindows.of(series, historyLength, minimumHistory, futureLength,
                    firstOrigin.position(series.length())).iterator();
        }), SlidingWindows.schema(rowSchema(extras), extras));
    }

    @Override
    public void close() {
        checked.cached().unpersist(false);
    }

    /** The schema of {@link #rows()} with {@code extras} extra feature columns. */
    static StructType rowSchema(int extras) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType, false)
                .add(SeriesColumns.STEP, DataTypes.LongType, false)
                .add(SeriesColumns.ANCHOR, DataTypes.TimestampNTZType, false)
                .add(SeriesColumns.VALUE, DataTypes.DoubleType, false);
        for (int e = 0; e < extras; e++) {
            schema = schema.add(SeriesColumns.extra(e), DataTypes.DoubleType, false);
        }
        return schema.add(SeriesColumns.SEGMENT, DataTypes.LongType, false)
                .add(SeriesColumns.FILLED, DataTypes.BooleanType, false)
                .add(SeriesColumns.POSITION, DataTypes.LongType, false)
                .add(SeriesColumns.SERIES_LENGTH, DataTypes.LongType, false);
    }

    /** The grid rows of one series, in {@link #rowSchema} order. */
    static List<Row> gridRows(RegularSeries series) {
        List<Row> rows = new ArrayList<>(series.size());
        for (int segment = 0; segment < series.segments(); segment++) {
            for (int row = series.segmentStart(segment); row < series.segmentEnd(segment); row++) {
                rows.add(RowFactory.create(gridFields(series, segment, row)));
            }
        }
        return rows;
    }

    /** One grid row's fields, in {@link #rowSchema} order. */
    static Object[] gridFields(RegularSeries series, int segment, int row) {
        int extras = series.extras().length;
        Object[] fields = new Object[9 + extras];
        fields[0] = series.seriesId();
        fields[1] = series.ts(row);
        fields[2] = series.step(row);
        fields[3] = series.anchor();
        fields[4] = series.value(row);
        for (int e = 0; e < extras; e++) {
            fields[5 + e] = series.extras()[e][row];
        }
        fields[5 + extras] = (long) segment;
        fields[6 + extras] = series.filled(row);
        fields[7 + extras] = series.position(row);
        fields[8 + extras] = series.length();
        return fields;
    }
}

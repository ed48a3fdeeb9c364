package io.sparkforecast.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Makes each series regular on its time grid: gaps (missing steps) are split apart or filled
 * as the gap policy says, and each row gets its grid position. The gaps table lists every gap.
 */
public final class SeriesGrid {
    public static final String FIRST_MISSING_TS = "first_missing_ts";
    public static final String LAST_MISSING_TS = "last_missing_ts";
    public static final String MISSING_STEPS = "missing_steps";
    public static final String ACTION = "action";
    public static final StructType GAPS_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(FIRST_MISSING_TS, DataTypes.TimestampNTZType, true)
            .add(LAST_MISSING_TS, DataTypes.TimestampNTZType, true)
            .add(MISSING_STEPS, DataTypes.LongType, true)
            .add(ACTION, DataTypes.StringType, false);
    private static final String PREVIOUS = "previous_";
    private static final String NEXT = "next_";

    private SeriesGrid() {
    }

    /** Regular series rows and the gaps found. */
    public record Gridded(Dataset<Row> rows, Dataset<Row> gaps) {
    }

    /**
     * @param clean rows of {@link SeriesLoader}: series_id, ts, value, step, anchor, extra_0..
     * @return rows with segment, filled, position and series_length added; gaps as
     *         series_id, first_missing_ts, last_missing_ts, missing_steps, action
     */
    public static Gridded regularize(Dataset<Row> clean, GapPolicy policy, Frequency frequency, int extras) {
        WindowSpec byStep = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
        UserDefinedFunction timeOfStep = udf((UDF2<LocalDateTime, Long, LocalDateTime>) frequency::plus,
                DataTypes.TimestampNTZType);
        List<String> carried = new ArrayList<>(List.of(SeriesColumns.VALUE));
        for (int i = 0; i < extras; i++) {
            carried.add(SeriesColumns.extra(i));
        }

        Dataset<Row> withPrevious = clean.withColumn(PREVIOUS + SeriesColumns.STEP, lag(SeriesColumns.STEP, 1).over(byStep));
        for (String column : carried) {
            withPrevious = withPrevious.withColumn(PREVIOUS + column, lag(column, 1).over(byStep));
        }
        Column gapAfterPrevious = col(SeriesColumns.STEP).minus(col(PREVIOUS + SeriesColumns.STEP)).gt(1);
        Dataset<Row> gapEnds = withPrevious.filter(gapAfterPrevious);
        Dataset<Row> gaps = gapEnds.select(
                col(SeriesColumns.SERIES_ID),
                timeOfStep.apply(col(SeriesColumns.ANCHOR), col(PREVIOUS + SeriesColumns.STEP).plus(1)).as(FIRST_MISSING_TS),
                timeOfStep.apply(col(SeriesColumns.ANCHOR), col(SeriesColumns.STEP).minus(1)).as(LAST_MISSING_TS),
                col(SeriesColumns.STEP).minus(col(PREVIOUS + SeriesColumns.STEP)).minus(1).as(MISSING_STEPS),
                lit(policy.code()).as(ACTION));

        List<Column> rowColumns = new ArrayList<>(List.of(col(SeriesColumns.SERIES_ID), col(SeriesColumns.TS),
                col(SeriesColumns.STEP), col(SeriesColumns.ANCHOR)));
        carried.forEach(c -> rowColumns.add(col(c)));
        rowColumns.add(col(SeriesColumns.SEGMENT));
        rowColumns.add(col(SeriesColumns.FILLED));
        Column[] selected = rowColumns.toArray(Column[]::new);

        Dataset<Row> rows;
        if (policy == GapPolicy.SPLIT) {
            rows = withPrevious
                    .withColumn(SeriesColumns.SEGMENT, sum(when(gapAfterPrevious, 1).otherwise(0))
                            .over(byStep.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                    .withColumn(SeriesColumns.FILLED, lit(false))
                    .select(selected);
        } else {
            Dataset<Row> fills = gapEnds
                    .withColumn(NEXT + SeriesColumns.STEP, col(SeriesColumns.STEP))
                    .withColumn(SeriesColumns.STEP, explode(sequence(col(PREVIOUS + SeriesColumns.STEP).plus(1),
                            col(SeriesColumns.STEP).minus(1))))
                    .withColumn(SeriesColumns.TS, timeOfStep.apply(col(SeriesColumns.ANCHOR), col(SeriesColumns.STEP)));
            for (String column : carried) {
                fills = fills.withColumn(column, filled(policy, column));
            }
            fills = fills.withColumn(SeriesColumns.SEGMENT, lit(0L)).withColumn(SeriesColumns.FILLED, lit(true));
            rows = clean.withColumn(SeriesColumns.SEGMENT, lit(0L)).withColumn(SeriesColumns.FILLED, lit(false))
                    .select(selected)
                    .unionByName(fills.select(selected));
        }
        Column first = min(SeriesColumns.STEP).over(Window.partitionBy(SeriesColumns.SERIES_ID));
        Column last = max(SeriesColumns.STEP).over(Window.partitionBy(SeriesColumns.SERIES_ID));
        rows = rows.withColumn(SeriesColumns.POSITION, col(SeriesColumns.STEP).minus(first))
                .withColumn(SeriesColumns.SERIES_LENGTH, last.minus(first).plus(1));
        return new Gridded(rows, gaps);
    }

    /** The value of a filled step between the previous value (at previous_step) and the current one. */
    private static Column filled(GapPolicy policy, String column) {
        Column previous = col(PREVIOUS + column);
        if (policy == GapPolicy.FILL_FORWARD) {
            return previous;
        }
        Column fraction = col(SeriesColumns.STEP).minus(col(PREVIOUS + SeriesColumns.STEP))
                .divide(col(NEXT + SeriesColumns.STEP).minus(col(PREVIOUS + SeriesColumns.STEP)));
        return previous.plus(col(column).minus(previous).multiply(fraction));
    }
}

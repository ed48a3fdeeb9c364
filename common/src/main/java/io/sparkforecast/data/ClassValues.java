package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Series values as classes for classification: whole numbers 0 .. classes - 1. */
public final class ClassValues {
    private ClassValues() {
    }

    /** The class a value stands for; anything else is an error naming the value. */
    public static int classOf(double value, int classes) {
        if (value != Math.rint(value) || value < 0 || value >= classes) {
            throw new IllegalArgumentException("value " + value + " is not a class 0.." + (classes - 1));
        }
        return (int) value;
    }

    /** Rows whose value is a class stay usable; the others move to the rejects as not_a_class. */
    public static ValidatedSeries rejectOthers(ValidatedSeries series, int classes) {
        Column value = col(SeriesColumns.VALUE);
        Column isClass = value.equalTo(floor(value)).and(value.geq(0)).and(value.lt(classes));
        Dataset<Row> others = series.clean().filter(not(isClass));
        Dataset<Row> rejects = series.rejects().unionByName(others.select(
                col(SeriesColumns.SERIES_ID),
                col(SeriesColumns.TS).cast(DataTypes.StringType).as(SeriesColumns.TS),
                value.cast(DataTypes.StringType).as(SeriesColumns.VALUE),
                lit(RejectReason.NOT_A_CLASS.code()).as(RejectsTable.REASON),
                concat(lit("task.type = classify takes whole numbers 0.." + (classes - 1) + ", got "),
                        value.cast(DataTypes.StringType)).as(RejectsTable.DETAIL)));
        long rejected = others.count();
        Map<String, Long> byReason = new TreeMap<>(series.rejectedByReason());
        if (rejected > 0) {
            byReason.merge(RejectReason.NOT_A_CLASS.code(), rejected, Long::sum);
        }
        return new ValidatedSeries(series.clean().filter(isClass), rejects, series.inputRows(),
                series.usableRows() - rejected, byReason, series.inputFingerprint());
    }
}

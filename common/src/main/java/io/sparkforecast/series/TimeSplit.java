package io.sparkforecast.series;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import org.apache.spark.sql.Column;

/**
 * The time-ordered split of each series: its first floor(n * train) rows are train, the next
 * floor(n * validation) validation, the rest test (as the seed tutorials split 144 months into
 * 96 + 48). A sample or forecast belongs to the split of the row it predicts.
 */
public final class TimeSplit implements java.io.Serializable {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    /** Column of a window table: the position of its series' first test row (see {@link #testStart}). */
    public static final String TEST_START = "test_start";

    private final SplitSpec spec;

    public TimeSplit(SplitSpec spec) {
        this.spec = spec;
    }

    /** Rows in the train part of a series of {@code length} rows. */
    public Column trainRows(Column length) {
        return floor(length.multiply(spec.train()));
    }

    /** Position of the first test row. */
    public Column testStart(Column length) {
        return trainRows(length).plus(floor(length.multiply(spec.validation())));
    }

    /** Rows in the train part of a series of {@code length} rows (as {@link #trainRows(Column)}). */
    public long trainRows(long length) {
        return (long) Math.floor(length * spec.train());
    }

    /** Position of the first test row (as {@link #testStart(Column)}). */
    public long testStart(long length) {
        return trainRows(length) + (long) Math.floor(length * spec.validation());
    }

    /** The split of the row at {@code position} (as {@link #splitOf(Column, Column)}). */
    public String splitOf(long position, long length) {
        return position < trainRows(length) ? TRAIN : position < testStart(length) ? VALIDATION : TEST;
    }

    /** The split of the row at {@code position}. */
    public Column splitOf(Column position, Column length) {
        return when(position.lt(trainRows(length)), lit(TRAIN))
                .when(position.lt(testStart(length)), lit(VALIDATION))
                .otherwise(lit(TEST));
    }
}

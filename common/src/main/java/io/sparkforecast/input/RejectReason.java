package io.sparkforecast.input;

/** Why an input row was not used; the values of the rejects table's reason column. */
public enum RejectReason {
    MISSING_SERIES_ID,
    MISSING_TIMESTAMP,
    BAD_TIMESTAMP,
    /** The timestamp is not on the series' grid of series.frequency steps. */
    OFF_FREQUENCY,
    MISSING_VALUE,
    BAD_VALUE,
    NON_FINITE_VALUE,
    /** An extra feature column is missing, unparseable or not finite (detail names it). */
    BAD_FEATURE_VALUE,
    /** Every row of a duplicated (series_id, ts) key. */
    DUPLICATE_TIMESTAMP,
    /** The series has fewer rows than one sample needs (prepare). */
    SERIES_TOO_SHORT,
    /** A part of a series between gaps is shorter than one sample (gap_policy split). */
    SEGMENT_TOO_SHORT,
    /** The series has no rows in its train part to fit its scaler on (prepare). */
    NO_TRAIN_ROWS,
    /** task.type = classify: the value is not a class 0 .. task.classes - 1. */
    NOT_A_CLASS,
    /** transform.scaling = window: a zero value, which a window starting at it would divide by. */
    ZERO_VALUE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

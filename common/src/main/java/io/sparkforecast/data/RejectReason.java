package io.sparkforecast.data;

/** Why an input row was not used; the values of the rejects table's reason column. */
public enum RejectReason {
    MISSING_SERIES_ID,
    MISSING_TIMESTAMP,
    BAD_TIMESTAMP,
    MISSING_VALUE,
    BAD_VALUE,
    NON_FINITE_VALUE,
    DUPLICATE_TIMESTAMP;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.sparkforecast.input;

import io.sparkforecast.core.Frequency;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * One series' rows checked in memory, as {@link SeriesLoader}'s SQL windows check a table:
 * the series' grid is that of most of its timestamps (ties: the lowest alignment key), anchored
 * at the earliest of them; rows off the grid are off_frequency, every row of a repeated grid
 * step is duplicate_timestamp, and the row-level reasons keep their order around those.
 *
 * @param usable     the usable rows in grid order; null when none
 * @param usableRows how many rows are usable
 * @param rejects    the rejected rows: raw series id, raw timestamp, raw value (as read), reason, detail
 */
public record SeriesCheck(SeriesRows usable, int usableRows, List<Row> rejects) implements Serializable {

    /** Row positions of the loader's per-series input: typed, raw and the SQL reasons (see SeriesLoader). */
    record Columns(int id, int ts, int value, int[] extras, RawColumn rawId, RawColumn rawTs, RawColumn rawValue,
                   int earlyReason, int valueReason, int valueDetail) implements Serializable {
    }

    /**
     * A source column as read, for the rejects table: its value turned into the external object
     * Spark's createDataFrame takes (the converter is made where the session's settings are,
     * on the driver).
     */
    record RawColumn(int ordinal, DataType type, Function1<Object, Object> toExternal) implements Serializable {
        static RawColumn of(StructType schema, String name) {
            DataType type = schema.apply(name).dataType();
            return new RawColumn(schema.fieldIndex(name), type, CatalystTypeConverters.createToScalaConverter(type));
        }

        Object get(InternalRow row) {
            return row.isNullAt(ordinal) ? null : toExternal.apply(row.get(ordinal, type));
        }
    }

    /**
     * @param rows one series' rows (or the rows without a series id), ordered by ts with nulls
     *             first, as Spark's internal rows (no external Row per input row: for the
     *             rejects only)
     */
    static SeriesCheck of(List<InternalRow> rows, Columns c, Frequency frequency) {
        // Rows counted by alignment key, a run of rows with the key of the row before at a time.
        Map<String, Integer> rowsByAlignment = new HashMap<>();
        Map<String, LocalDateTime> firstByAlignment = new HashMap<>();
        String runKey = null;
        int runRows = 0;
        LocalDateTime previous = null;
        for (InternalRow row : rows) {
            if (row.isNullAt(c.earlyReason())) {
                LocalDateTime ts = SeriesRows.fromMicros(row.getLong(c.ts()));
                if (previous != null && frequency.sameAlignment(previous, ts)) {
                    runRows++;
                } else {
                    if (runKey != null) {
                        rowsByAlignment.merge(runKey, runRows, Integer::sum);
                    }
                    runKey = frequency.alignment(ts);
                    runRows = 1;
                    firstByAlignment.putIfAbsent(runKey, ts);
                }
                previous = ts;
            }
        }
        if (runKey != null) {
            rowsByAlignment.merge(runKey, runRows, Integer::sum);
        }
        // The most common key; ties: the lowest.
        String anchorKey = null;
        for (Map.Entry<String, Integer> entry : rowsByAlignment.entrySet()) {
            int count = entry.getValue();
            if (anchorKey == null || count > rowsByAlignment.get(anchorKey)
                    || count == rowsByAlignment.get(anchorKey) && entry.getKey().compareTo(anchorKey) < 0) {
                anchorKey = entry.getKey();
            }
        }
        LocalDateTime anchor = anchorKey == null ? null : firstByAlignment.get(anchorKey);

        int n = rows.size();
        Long[] steps = new Long[n];
        for (int i = 0; i < n; i++) {
            InternalRow row = rows.get(i);
            if (anchor != null && row.isNullAt(c.earlyReason())) {
                steps[i] = frequency.stepIndex(anchor, SeriesRows.fromMicros(row.getLong(c.ts())));
            }
        }
        List<Integer> usable = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InternalRow row = rows.get(i);
            String reason;
            String detail = null;
            if (!row.isNullAt(c.earlyReason())) {
                reason = row.getUTF8String(c.earlyReason()).toString();
            } else if (steps[i] == null) {
                reason = RejectReason.OFF_FREQUENCY.code();
            } else if (!row.isNullAt(c.valueReason())) {
                reason = row.getUTF8String(c.valueReason()).toString();
                detail = row.isNullAt(c.valueDetail()) ? null : row.getUTF8String(c.valueDetail()).toString();
            } else if (repeated(steps, i)) {
                reason = RejectReason.DUPLICATE_TIMESTAMP.code();
            } else {
                usable.add(i);
                continue;
            }
            rejects.add(RowFactory.create(c.rawId().get(row), c.rawTs().get(row), c.rawValue().get(row), reason,
                    detail));
        }
        return new SeriesCheck(usable.isEmpty() ? null : usableRows(rows, usable, c, anchor, steps), usable.size(),
                rejects);
    }

    /** True when another row has the same grid step (rows are in ts order, so it is a neighbour). */
    private static boolean repeated(Long[] steps, int i) {
        return i > 0 && Objects.equals(steps[i - 1], steps[i]) || i + 1 < steps.length && Objects.equals(steps[i + 1],
                steps[i]);
    }

    private static SeriesRows usableRows(List<InternalRow> rows, List<Integer> usable, Columns c,
                                         LocalDateTime anchor, Long[] steps) {
        int n = usable.size();
        long[] stepArray = new long[n];
        long[] ts = new long[n];
        double[] values = new double[n];
        double[][] extras = new double[c.extras().length][n];
        for (int k = 0; k < n; k++) {
            InternalRow row = rows.get(usable.get(k));
            stepArray[k] = steps[usable.get(k)];
            ts[k] = row.getLong(c.ts());
            values[k] = row.getDouble(c.value());
            for (int e = 0; e < extras.length; e++) {
                extras[e][k] = row.getDouble(c.extras()[e]);
            }
        }
        return new SeriesRows(rows.get(usable.get(0)).getUTF8String(c.id()).toString(), anchor, stepArray, ts,
                values, extras);
    }

    /** Rejected rows by reason, and the usable rows under "". */
    Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        if (usable != null) {
            counts.put("", (long) usableRows);
        }
        for (Row reject : rejects) {
            counts.merge(reject.getString(3), 1L, Long::sum);
        }
        return counts;
    }

    /** Rejected rows by reason, indexed by {@link RejectReason#ordinal()}. */
    public long[] rejectedByReason() {
        long[] counts = new long[RejectReason.values().length];
        for (Row reject : rejects) {
            counts[RejectReason.valueOf(reject.getString(3).toUpperCase(Locale.ROOT)).ordinal()]++;
        }
        return counts;
    }
}

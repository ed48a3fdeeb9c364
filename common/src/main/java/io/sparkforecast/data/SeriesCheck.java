package io.sparkforecast.data;

import io.sparkforecast.core.Frequency;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One series' rows checked in memory, as {@link SeriesLoader}'s SQL windows check a table:
 * the series' grid is that of most of its timestamps (ties: the lowest alignment key), anchored
 * at the earliest of them; rows off the grid are off_frequency, every row of a repeated grid
 * step is duplicate_timestamp, and the row-level reasons keep their order around those.
 *
 * @param usable  the usable rows in grid order; null when none
 * @param rejects the rejected rows: raw series id, raw timestamp, raw value (as read), reason, detail
 */
public record SeriesCheck(SeriesRows usable, List<Row> rejects) implements Serializable {

    /** Row positions of the loader's per-series input: typed, raw and the SQL reasons (see SeriesLoader). */
    record Columns(int id, int ts, int value, int[] extras, int rawId, int rawTs, int rawValue, int earlyReason,
                   int valueReason, int valueDetail) implements Serializable {
    }

    /** @param rows one series' rows (or the rows without a series id), ordered by ts with nulls first */
    static SeriesCheck of(List<Row> rows, Columns c, Frequency frequency) {
        String anchorKey = null;
        Map<String, Integer> rowsByAlignment = new HashMap<>();
        Map<String, LocalDateTime> firstByAlignment = new HashMap<>();
        for (Row row : rows) {
            if (row.isNullAt(c.earlyReason())) {
                LocalDateTime ts = (LocalDateTime) row.get(c.ts());
                String key = frequency.alignment(ts);
                int count = rowsByAlignment.merge(key, 1, Integer::sum);
                firstByAlignment.putIfAbsent(key, ts);
                if (anchorKey == null || count > rowsByAlignment.get(anchorKey)
                        || count == rowsByAlignment.get(anchorKey) && key.compareTo(anchorKey) < 0) {
                    anchorKey = key;
                }
            }
        }
        LocalDateTime anchor = anchorKey == null ? null : firstByAlignment.get(anchorKey);

        int n = rows.size();
        Long[] steps = new Long[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            if (anchor != null && row.isNullAt(c.earlyReason())) {
                steps[i] = frequency.stepIndex(anchor, (LocalDateTime) row.get(c.ts()));
            }
        }
        List<Integer> usable = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            String reason;
            String detail = null;
            if (!row.isNullAt(c.earlyReason())) {
                reason = row.getString(c.earlyReason());
            } else if (steps[i] == null) {
                reason = RejectReason.OFF_FREQUENCY.code();
            } else if (!row.isNullAt(c.valueReason())) {
                reason = row.getString(c.valueReason());
                detail = row.getString(c.valueDetail());
            } else if (repeated(steps, i)) {
                reason = RejectReason.DUPLICATE_TIMESTAMP.code();
            } else {
                usable.add(i);
                continue;
            }
            rejects.add(RowFactory.create(row.get(c.rawId()), row.get(c.rawTs()), row.get(c.rawValue()), reason,
                    detail));
        }
        return new SeriesCheck(usable.isEmpty() ? null : usableRows(rows, usable, c, anchor, steps), rejects);
    }

    /** True when another row has the same grid step (rows are in ts order, so it is a neighbour). */
    private static boolean repeated(Long[] steps, int i) {
        return i > 0 && Objects.equals(steps[i - 1], steps[i]) || i + 1 < steps.length && Objects.equals(steps[i + 1],
                steps[i]);
    }

    private static SeriesRows usableRows(List<Row> rows, List<Integer> usable, Columns c, LocalDateTime anchor,
                                         Long[] steps) {
        int n = usable.size();
        long[] stepArray = new long[n];
        long[] ts = new long[n];
        double[] values = new double[n];
        double[][] extras = new double[c.extras().length][n];
        for (int k = 0; k < n; k++) {
            Row row = rows.get(usable.get(k));
            stepArray[k] = steps[usable.get(k)];
            ts[k] = SeriesRows.micros((LocalDateTime) row.get(c.ts()));
            values[k] = row.getDouble(c.value());
            for (int e = 0; e < extras.length; e++) {
                extras[e][k] = row.getDouble(c.extras()[e]);
            }
        }
        return new SeriesRows(rows.get(usable.get(0)).getString(c.id()), anchor, stepArray, ts, values, extras);
    }

    /** Rejected rows by reason, and the usable rows under "". */
    Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        if (usable != null) {
            counts.put("", (long) usable.size());
        }
        for (Row reject : rejects) {
            counts.merge(reject.getString(3), 1L, Long::sum);
        }
        return counts;
    }
}

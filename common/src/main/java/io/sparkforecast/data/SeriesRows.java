package io.sparkforecast.data;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The usable rows of one series in grid order, as arrays: what prepare's per-series pass
 * ({@link PreparedSeries}) reads. Timestamps are kept as microseconds (the precision of Spark's
 * TIMESTAMP_NTZ) so that a cached series costs 8 bytes a value, not an object.
 *
 * @param extras extras[e][i]: the e-th extra feature column at row i
 */
public record SeriesRows(String seriesId, LocalDateTime anchor, long[] steps, long[] tsMicros, double[] values,
                         double[][] extras) implements Serializable {

    public int size() {
        return steps.length;
    }

    public LocalDateTime ts(int i) {
        return fromMicros(tsMicros[i]);
    }

    public static long micros(LocalDateTime ts) {
        return Math.addExact(Math.multiplyExact(ts.toEpochSecond(ZoneOffset.UTC), 1_000_000L), ts.getNano() / 1000);
    }

    public static LocalDateTime fromMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /**
     * One element per series of the clean rows of {@link SeriesLoader}, which holds each series
     * in one partition; sorting within partitions by series and step costs nothing there (the
     * loader's windows left the rows in that order) and makes each series one run of rows.
     */
    public static JavaRDD<SeriesRows> of(Dataset<Row> clean, int extras) {
        return clean.sortWithinPartitions(SeriesColumns.SERIES_ID, SeriesColumns.STEP).toJavaRDD()
                .mapPartitions(rows -> grouped(rows, extras));
    }

    private static Iterator<SeriesRows> grouped(Iterator<Row> rows, int extras) {
        return new Iterator<>() {
            private Row pending = rows.hasNext() ? rows.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public SeriesRows next() {
                String id = pending.getString(pending.fieldIndex(SeriesColumns.SERIES_ID));
                int idIndex = pending.fieldIndex(SeriesColumns.SERIES_ID);
                int tsIndex = pending.fieldIndex(SeriesColumns.TS);
                int valueIndex = pending.fieldIndex(SeriesColumns.VALUE);
                int stepIndex = pending.fieldIndex(SeriesColumns.STEP);
                int[] extraIndex = new int[extras];
                for (int e = 0; e < extras; e++) {
                    extraIndex[e] = pending.fieldIndex(SeriesColumns.extra(e));
                }
                LocalDateTime anchor = (LocalDateTime) pending.get(pending.fieldIndex(SeriesColumns.ANCHOR));
                List<Row> series = new ArrayList<>();
                while (pending != null && id.equals(pending.getString(idIndex))) {
                    series.add(pending);
                    pending = rows.hasNext() ? rows.next() : null;
                }
                int n = series.size();
                long[] steps = new long[n];
                long[] ts = new long[n];
                double[] values = new double[n];
                double[][] extraValues = new double[extras][n];
                for (int i = 0; i < n; i++) {
                    Row row = series.get(i);
                    steps[i] = row.getLong(stepIndex);
                    if (i > 0 && steps[i] <= steps[i - 1]) {
                        throw new IllegalStateException("rows of series " + id + " are not in strictly increasing "
                                + "grid order at step " + steps[i]);
                    }
                    ts[i] = micros((LocalDateTime) row.get(tsIndex));
                    values[i] = row.getDouble(valueIndex);
                    for (int e = 0; e < extras; e++) {
                        extraValues[e][i] = row.getDouble(extraIndex[e]);
                    }
                }
                return new SeriesRows(id, anchor, steps, ts, values, extraValues);
            }
        };
    }
}

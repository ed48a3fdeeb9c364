package io.sparkforecast.data;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The usable rows of one series in grid order, as arrays (see {@link SeriesCheck}): what
 * prepare's per-series pass ({@link PreparedSeries}) reads. Timestamps are kept as microseconds
 * (the precision of Spark's TIMESTAMP_NTZ) so that a cached series costs 8 bytes a value, not an
 * object.
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
}

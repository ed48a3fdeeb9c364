package io.sparkforecast.input;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The usable rows of one series in grid order, as arrays (see {@link SeriesCheck}): what
 * prepare's per-series pass ({@link io.sparkforecast.prepare.PreparedSeries}) reads. Timestamps
 * are kept as microseconds (the precision of Spark's TIMESTAMP_NTZ) so that a cached series costs
 * 8 bytes a value, not an object.
 *
 * @param extras extras[e][i]: the e-th extra feature column at row i
 */
public record SeriesRows(String seriesId, LocalDateTime anchor, long[] steps, long[] tsMicros, double[] values,
                         double[][] extras) implements Serializable {

    public int size() {
        return steps.length;
    }

    /**
     * The rows of the last {@code count} grid steps (up to the last row's step) and the last row
     * before them: what any gap policy needs to make those steps regular (a fill reaches back to
     * the observation before a gap). This series itself when nothing is left out.
     */
    public SeriesRows lastSteps(long count) {
        int n = size();
        int from = n;
        while (from > 0 && steps[from - 1] > steps[n - 1] - count) {
            from--;
        }
        from = Math.max(0, from - 1);
        if (from == 0) {
            return this;
        }
        double[][] kept = new double[extras.length][];
        for (int e = 0; e < extras.length; e++) {
            kept[e] = Arrays.copyOfRange(extras[e], from, n);
        }
        return new SeriesRows(seriesId, anchor, Arrays.copyOfRange(steps, from, n),
                Arrays.copyOfRange(tsMicros, from, n), Arrays.copyOfRange(values, from, n), kept);
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

package io.sparkforecast.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.input.SeriesColumns;
import org.apache.spark.util.SerializableConfiguration;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training data of a stateful network: each series' consecutive samples become one sequence
 * (the first window's steps, then the last step of each following window) with each window's
 * target at the window's last step and no target (masked) before the first. A gap in the
 * samples starts a new sequence. Files hold batch_size sequences, shorter ones padded and
 * masked; sequences are shuffled deterministically by seed, their steps stay in order.
 */
public final class SequenceExporter implements BatchExporter, Serializable {
    private static final String ORDER = "shuffle_key";

    private final SerializableConfiguration hadoopConf;
    private final int lookback;
    private final int inputs;
    private final Frequency frequency;
    private final int batchSize;
    private final long seed;
    private final long series;

    /** @param series how many series have samples (as prepare counted them): sizes the writers */
    public SequenceExporter(SerializableConfiguration hadoopConf, int lookback, int inputs, Frequency frequency,
                            int batchSize, long seed, long series) {
        this.hadoopConf = hadoopConf;
        this.lookback = lookback;
        this.inputs = inputs;
        this.frequency = frequency;
        this.batchSize = batchSize;
        this.seed = seed;
        this.series = series;
    }

    @Override
    public ExportedBatches export(Dataset<Row> samples, long count, int partitions, String directory) {
        if (count == 0) {
            return ExportedBatches.NONE;
        }
        // One shuffle: each series lands whole in one writer, its windows in time order.
        int writers = (int) Math.max(1, Math.min(partitions, (series + batchSize - 1) / batchSize));
        List<String> paths = samples
                .withColumn(ORDER, xxhash64(lit(seed), col(SeriesColumns.SERIES_ID)))
                .repartition(writers, col(ORDER))
                .sortWithinPartitions(ORDER, SeriesColumns.SERIES_ID, SamplesTable.WINDOW_END_TS)
                .select(SeriesColumns.SERIES_ID, SamplesTable.WINDOW_END_TS, SamplesTable.FEATURES,
                        SamplesTable.TARGET)
                .javaRDD()
                .mapPartitionsWithIndex(writeBatches(directory), false)
                .collect();
        return new ExportedBatches(paths, count);
    }

    /** One sequence: time-major inputs (steps x inputs) and per step its target or null. */
    private record Sequence(float[] inputs, float[][] targets) {
        int steps() {
            return targets.length;
        }
    }

    private Function2<Integer, Iterator<Row>, Iterator<String>> writeBatches(String directory) {
        SerializableConfiguration conf = hadoopConf;
        int size = batchSize;
        SequenceExporter exporter = this;
        return (partition, rows) -> {
            List<String> written = new ArrayList<>();
            List<Sequence> batch = new ArrayList<>(size);
            List<Row> windows = new ArrayList<>();
            while (rows.hasNext() || !windows.isEmpty()) {
                Row row = rows.hasNext() ? rows.next() : null;
                if (row != null && (windows.isEmpty() || windows.get(0).getString(0).equals(row.getString(0)))) {
                    windows.add(row);
                    continue;
                }
                for (Sequence sequence : exporter.sequences(windows)) { // a series is complete
                    batch.add(sequence);
                    if (batch.size() == size) {
                        written.add(MinibatchFile.save(exporter.toDataSet(batch), directory,
                                name(partition, written.size()), conf));
                        batch.clear();
                    }
                }
                windows.clear();
                if (row != null) {
                    windows.add(row);
                }
            }
            if (!batch.isEmpty()) {
                written.add(MinibatchFile.save(exporter.toDataSet(batch), directory,
                        name(partition, written.size()), conf));
            }
            return written.iterator();
        };
    }

    /** A series' windows (sorted by end) as sequences, split where a window end is not the next step. */
    private List<Sequence> sequences(List<Row> windows) {
        List<Sequence> sequences = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= windows.size(); i++) {
            if (i == windows.size() || !frequency.plus(endOf(windows.get(i - 1)), 1).equals(endOf(windows.get(i)))) {
                sequences.add(sequence(windows.subList(start, i)));
                start = i;
            }
        }
        return sequences;
    }

    private Sequence sequence(List<Row> windows) {
        int steps = lookback + windows.size() - 1;
        float[] values = new float[steps * inputs];
        float[][] targets = new float[steps][];
        float[] first = SamplesTable.toFloats(windows.get(0).getList(2));
        System.arraycopy(first, 0, values, 0, first.length);
        for (int k = 0; k < windows.size(); k++) {
            int step = lookback - 1 + k;
            if (k > 0) {
                float[] features = SamplesTable.toFloats(windows.get(k).getList(2));
                System.arraycopy(features, (lookback - 1) * inputs, values, step * inputs, inputs);
            }
            targets[step] = SamplesTable.toFloats(windows.get(k).getList(3));
        }
        return new Sequence(values, targets);
    }

    private static LocalDateTime endOf(Row window) {
        return (LocalDateTime) window.get(1);
    }

    /** Features [batch, inputs, steps], labels [batch, horizon, steps], masks [batch, steps]. */
    private DataSet toDataSet(List<Sequence> batch) {
        int steps = batch.stream().mapToInt(Sequence::steps).max().orElseThrow();
        int horizon = batch.get(0).targets()[lookback - 1].length; // every sequence's first target
        int count = batch.size();
        float[] features = new float[count * inputs * steps];
        float[] labels = new float[count * horizon * steps];
        float[] featureMask = new float[count * steps];
        float[] labelMask = new float[count * steps];
        for (int s = 0; s < count; s++) {
            Sequence sequence = batch.get(s);
            for (int t = 0; t < sequence.steps(); t++) {
                featureMask[s * steps + t] = 1f;
                for (int f = 0; f < inputs; f++) {
                    features[(s * inputs + f) * steps + t] = sequence.inputs()[t * inputs + f];
                }
                float[] target = sequence.targets()[t];
                if (target != null) {
                    labelMask[s * steps + t] = 1f;
                    for (int h = 0; h < horizon; h++) {
                        labels[(s * horizon + h) * steps + t] = target[h];
                    }
                }
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {count, inputs, steps}, 'c'),
                Nd4j.create(labels, new long[] {count, horizon, steps}, 'c'),
                Nd4j.create(featureMask, new long[] {count, steps}, 'c'),
                Nd4j.create(labelMask, new long[] {count, steps}, 'c'));
    }

    private static String name(int partition, int index) {
        return String.format("sequences-%05d-%06d.bin", partition, index);
    }
}

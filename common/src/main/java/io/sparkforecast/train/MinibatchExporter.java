package io.sparkforecast.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.model.NetworkInputs;
import org.apache.spark.util.SerializableConfiguration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Writes samples as minibatch files, once per training run, for dl4j-spark's fitPaths: the
 * export approach DL4J recommends, which also works on a cluster with a shared file system.
 * Samples are shuffled deterministically by seed before batching.
 */
public final class MinibatchExporter implements BatchExporter {
    private static final String ORDER = "shuffle_key";

    private final SerializableConfiguration hadoopConf;
    private final int lookback;
    private final int features;
    private final WindowLayout layout;
    private final int batchSize;
    private final long seed;

    public MinibatchExporter(SerializableConfiguration hadoopConf, int lookback, int features, WindowLayout layout,
                             int batchSize, long seed) {
        this.hadoopConf = hadoopConf;
        this.lookback = lookback;
        this.features = features;
        this.layout = layout;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public ExportedBatches export(Dataset<Row> samples, long count, int partitions, String directory) {
        if (count == 0) {
            return ExportedBatches.NONE;
        }
        long batches = (count + batchSize - 1) / batchSize;
        int writers = (int) Math.max(1, Math.min(partitions, batches));
        List<String> paths = samples
                .withColumn(ORDER, xxhash64(lit(seed), col(SeriesColumns.SERIES_ID), col(SamplesTable.WINDOW_END_TS)))
                .repartition(writers, col(ORDER))
                .sortWithinPartitions(ORDER)
                .select(SamplesTable.FEATURES, SamplesTable.TARGET)
                .javaRDD()
                .mapPartitionsWithIndex(writeBatches(directory), false)
                .collect();
        return new ExportedBatches(paths, count);
    }

    private Function2<Integer, Iterator<Row>, Iterator<String>> writeBatches(String directory) {
        SerializableConfiguration conf = hadoopConf;
        int steps = lookback;
        int width = features;
        WindowLayout shape = layout;
        int size = batchSize;
        return (partition, rows) -> {
            List<String> written = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>(size);
            List<float[]> targets = new ArrayList<>(size);
            while (rows.hasNext()) {
                Row row = rows.next();
                inputs.add(SamplesTable.toFloats(row.getList(0)));
                targets.add(SamplesTable.toFloats(row.getList(1)));
                if (inputs.size() == size || !rows.hasNext()) {
                    DataSet batch = new DataSet(NetworkInputs.features(inputs, steps, width, shape),
                            NetworkInputs.targets(targets));
                    written.add(MinibatchFile.save(batch, directory,
                            String.format("batch-%05d-%06d.bin", partition, written.size()), conf));
                    inputs.clear();
                    targets.clear();
                }
            }
            return written.iterator();
        };
    }
}

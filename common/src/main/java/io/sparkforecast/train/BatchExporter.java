package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.prepare.PreparedData;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes one split of the samples table as minibatch files for dl4j-spark's fitPaths. */
public interface BatchExporter {
    /**
     * @param samples    rows of the samples table (one split)
     * @param count      how many rows {@code samples} has
     * @param partitions upper bound on parallel writers
     */
    ExportedBatches export(Dataset<Row> samples, long count, int partitions, String directory);

    /** Windows as minibatches, or for a stateful network whole-series sequences. */
    static BatchExporter forNetwork(SerializableConfiguration conf, PreparedData prepared, NetworkSpec network,
                                    TrainingSpec training) {
        if (network.stateful()) {
            return new SequenceExporter(conf, prepared.shape().lookback(), prepared.shape().inputs(),
                    prepared.shape().frequency(), training.batchSize(), training.seed(),
                    prepared.counts().seriesWithSamples());
        }
        return new MinibatchExporter(conf, prepared.shape().lookback(), prepared.shape().inputs(), network.windowAs(),
                training.batchSize(), training.seed());
    }
}

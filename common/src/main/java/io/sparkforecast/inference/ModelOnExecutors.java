package io.sparkforecast.inference;

import io.sparkforecast.model.ModelArtifact;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A model version sent to the executors once (a broadcast of model.zip), restored once per task
 * thread, and run over a partition's rows in batches of {@code inference.batch_size}: the one
 * inference path of score, evaluate and the classifier's evaluate.
 */
public final class ModelOnExecutors implements Serializable, AutoCloseable {
    private final String sha256;
    private final Broadcast<byte[]> modelZip;
    private final int batchSize;

    private ModelOnExecutors(String sha256, Broadcast<byte[]> modelZip, int batchSize) {
        this.sha256 = sha256;
        this.modelZip = modelZip;
        this.batchSize = batchSize;
    }

    public static ModelOnExecutors broadcast(SparkSession spark, ModelArtifact model, int batchSize) {
        return new ModelOnExecutors(model.metadata().identity().modelZipSha256(),
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model.modelZip()), batchSize);
    }

    /** What a task does with its network: a function from a batch of rows to output rows. */
    public interface BatchFunction extends Serializable {
        Function<List<Row>, List<Row>> forNetwork(MultiLayerNetwork network);
    }

    /** Each partition's rows, batchSize at a time, through {@code batches} with the task thread's network. */
    public MapPartitionsFunction<Row, Row> inBatches(BatchFunction batches) {
        String model = sha256;
        Broadcast<byte[]> zip = modelZip;
        int size = batchSize;
        return rows -> new BatchedIterator<>(rows, size, batches.forNetwork(ExecutorModels.network(model, zip)));
    }

    /** Frees the broadcast on the executors once the rows it produced are materialised. */
    @Override
    public void close() {
        modelZip.destroy();
    }
}

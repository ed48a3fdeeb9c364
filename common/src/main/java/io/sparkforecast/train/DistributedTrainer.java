package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.storage.HadoopConfiguration;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network with dl4j-spark parameter averaging over exported minibatch files: each
 * epoch fits every train batch once (in a seeded random order), then scores the train and
 * validation batches.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

    private final JavaSparkContext sc;
    private final TrainingSpec spec;
    private final HadoopConfiguration hadoopConf;

    public DistributedTrainer(JavaSparkContext sc, TrainingSpec spec) {
        this.sc = sc;
        this.spec = spec;
        this.hadoopConf = new HadoopConfiguration(sc.hadoopConfiguration());
    }

    /** The trained network and its loss per epoch. */
    public record Outcome(MultiLayerNetwork network, List<EpochLoss> lossHistory, double seconds) {
    }

    public int workers() {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    public Outcome train(MultiLayerConfiguration configuration, ExportedBatches train, ExportedBatches validation) {
        int workers = workers();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, spec.batchSize())
                .batchSizePerWorker(spec.batchSize())
                .averagingFrequency(spec.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rngSeed(spec.seed())
                .build();
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, configuration, master);
        LOG.info("training on {} workers: {} train samples in {} batches of {}, {} validation samples, {} epochs",
                workers, train.samples(), train.paths().size(), spec.batchSize(), validation.samples(), spec.epochs());

        List<EpochLoss> history = new ArrayList<>();
        long started = System.nanoTime();
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            List<String> order = new ArrayList<>(train.paths());
            Collections.shuffle(order, new Random(spec.seed() + epoch));
            sparkNetwork.fitPaths(sc.parallelize(order, Math.min(workers, order.size())));
            double fitSeconds = (System.nanoTime() - epochStart) / 1e9;
            double trainLoss = meanLoss(sparkNetwork, train);
            Double validationLoss = validation.isEmpty() ? null : meanLoss(sparkNetwork, validation);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double rate = train.samples() / fitSeconds;
            history.add(new EpochLoss(epoch, trainLoss, validationLoss, seconds, rate));
            double elapsed = (System.nanoTime() - started) / 1e9;
            LOG.info(String.format("epoch %d/%d train_loss=%.6f validation_loss=%s samples/s=%.0f "
                            + "epoch_s=%.1f eta_s=%.0f", epoch, spec.epochs(), trainLoss,
                    validationLoss == null ? "-" : String.format("%.6f", validationLoss), rate, seconds,
                    elapsed / epoch * (spec.epochs() - epoch)));
        }
        return new Outcome(sparkNetwork.getNetwork(), history, (System.nanoTime() - started) / 1e9);
    }

    private double meanLoss(SparkDl4jMultiLayer sparkNetwork, ExportedBatches batches) {
        HadoopConfiguration conf = hadoopConf;
        JavaRDD<DataSet> data = sc.parallelize(batches.paths(), Math.min(workers(), batches.paths().size()))
                .map(path -> load(path, conf));
        return sparkNetwork.calculateScore(data, true, spec.batchSize());
    }

    static DataSet load(String file, HadoopConfiguration conf) throws java.io.IOException {
        Path path = new Path(file);
        DataSet dataSet = new DataSet();
        try (InputStream in = path.getFileSystem(conf.get()).open(path)) {
            dataSet.load(in);
        }
        return dataSet;
    }
}

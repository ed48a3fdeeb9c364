package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.storage.HadoopConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker in Spark local mode, where the driver's JVM is the executor: the network is fitted
 * in place, batch after batch in the order the distributed path uses, without a Spark job, a
 * model broadcast and a rebuilt worker network per round (a fifth of a small epoch's time), and
 * the losses are scored in place too. The train loss is taken from the fit, as FitLoss takes it
 * from the workers; a stateful network's, whose minibatch scores are not window losses, is
 * scored after the epoch.
 */
final class LocalFitter implements EpochLoop.Fitter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFitter.class);

    private final MultiLayerNetwork network;
    private final TrainingSpec spec;
    private final ExportedBatches train;
    private final ExportedBatches validation;
    private final HadoopConfiguration conf;
    private final boolean fitLossIsWindowLoss;
    private double fittedLoss;
    private long fittedWindows;

    LocalFitter(MultiLayerNetwork network, TrainingSpec spec, ExportedBatches train, ExportedBatches validation,
                HadoopConfiguration conf, boolean fitLossIsWindowLoss) {
        this.network = network;
        this.spec = spec;
        this.train = train;
        this.validation = validation;
        this.conf = conf;
        this.fitLossIsWindowLoss = fitLossIsWindowLoss;
    }

    @Override
    public void fitEpoch(int epoch) {
        List<String> order = new ArrayList<>(train.paths());
        Collections.shuffle(order, new Random(spec.seed() + epoch));
        fittedLoss = 0;
        fittedWindows = 0;
        long started = System.nanoTime();
        long lastReport = started;
        for (int done = 0; done < order.size(); done++) {
            DataSet batch = read(order.get(done));
            network.fit(batch);
            fittedLoss += network.score() * batch.numExamples();
            fittedWindows += batch.numExamples();
            long now = System.nanoTime();
            if ((now - lastReport) / 1e9 >= spec.progressSeconds() && done + 1 < order.size()) {
                double seconds = (now - started) / 1e9;
                LOG.info(String.format("epoch %d/%d batches %d/%d loss=%.6f samples/s=%.0f epoch_eta_s=%.0f", epoch,
                        spec.epochs(), done + 1, order.size(), network.score(),
                        (done + 1) * (double) train.samples() / order.size() / seconds,
                        seconds / (done + 1) * (order.size() - done - 1)));
                lastReport = now;
            }
        }
        network.incrementEpochCount();
    }

    @Override
    public double trainLoss() {
        if (!fitLossIsWindowLoss) {
            return meanLoss(train);
        }
        return fittedWindows == 0 ? Double.NaN : fittedLoss / fittedWindows;
    }

    @Override
    public Double validationLoss() {
        return validation.isEmpty() ? null : meanLoss(validation);
    }

    @Override
    public MultiLayerNetwork network() {
        return network;
    }

    /** Loss per sample (window), as the distributed path's scoring job computes it. */
    private double meanLoss(ExportedBatches batches) {
        double sum = 0;
        for (String path : batches.paths()) {
            DataSet batch = read(path);
            sum += network.score(batch) * batch.numExamples();
        }
        return sum / batches.samples();
    }

    private DataSet read(String path) {
        try {
            return MinibatchFile.read(path, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the minibatch " + path, e);
        }
    }
}

package io.sparkforecast.train;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * An epoch's train loss as it was fitted, the loss Keras reports: the mean over the epoch's
 * minibatches of each one's loss when the worker fitted it (dropout on, weights moving), weighted
 * by its windows. The workers add to Spark accumulators as they go, which spares scoring every
 * train batch again after each epoch: a second pass over the train data, a Spark job and a
 * model broadcast per epoch.
 */
final class FitLoss extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private final DoubleAccumulator lossSum;
    private final LongAccumulator windows;

    FitLoss(SparkContext sc) {
        lossSum = sc.doubleAccumulator("train loss as fitted");
        windows = sc.longAccumulator("train windows fitted");
    }

    /** On a worker, after each minibatch: its loss is the network's score (a mean per window). */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long size = model.batchSize();
        lossSum.add(model.score() * size);
        windows.add(size);
    }

    /** Before an epoch, on the driver. */
    void reset() {
        lossSum.reset();
        windows.reset();
    }

    /** The mean loss per window fitted since the reset; NaN when nothing was fitted. */
    double mean() {
        long fitted = windows.value();
        return fitted == 0 ? Double.NaN : lossSum.value() / fitted;
    }
}

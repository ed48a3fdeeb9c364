package io.sparkforecast.train;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * dl4j-spark's parameter averaging, told how many minibatch paths the next round holds. The
 * trainer hands each fitPaths call one round as a list it already has; dl4j-spark counted it with
 * a Spark job of its own before every round (on two workers, the job and the gaps around it were
 * a tenth of a round). The count only sizes dl4j-spark's splits, so the training is the same.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
    private Long nextRoundPaths;

    RoundTrainingMaster(Builder builder) {
        super(builder);
    }

    /** The number of paths the next fitPaths call hands over. */
    void nextRound(long paths) {
        nextRoundPaths = paths;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> trainingData) {
        Long known = nextRoundPaths;
        nextRoundPaths = null;
        return known != null ? known : super.getTotalDataSetObjectCount(trainingData);
    }
}

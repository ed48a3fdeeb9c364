package io.sparkforecast.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeds the random numbers a Spark worker draws its dropout masks from before each minibatch,
 * from the training seed, the network's iteration and the minibatch's values. Without it the
 * masks come from ND4J's per-thread generator, whose state depends on which executor thread ran
 * which earlier task: two workers in one JVM (local[2]) trained the same data to a different
 * model on every run (a panel's test RMSE moved by 3.6% between two runs). With it, a seed and a
 * worker count give one model, on embedded Spark as on a cluster.
 */
final class WorkerDropoutSeeds implements TrainingHook {
    private static final long serialVersionUID = 1L;
    private final long seed;

    WorkerDropoutSeeds(long seed) {
        this.seed = seed;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(iteration(model), minibatch.getFeatures().sumNumber().doubleValue()));
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(iteration(model), minibatch.getFeatures(0).sumNumber().doubleValue()));
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    /** Mixes the seed, the iteration and the minibatch (its values' sum tells the workers' slices apart). */
    long seedFor(int iteration, double featureSum) {
        long mixed = seed * 0x9E3779B97F4A7C15L;
        mixed ^= (iteration + 1L) * 0xC2B2AE3D27D4EB4FL;
        mixed ^= Double.doubleToLongBits(featureSum) * 0x165667B19E3779F9L;
        return mixed ^ (mixed >>> 31);
    }

    private static int iteration(Model model) {
        return model instanceof MultiLayerNetwork network ? network.getIterationCount() : 0;
    }
}

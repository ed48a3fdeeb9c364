package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparkforecast.model.TestNetworks;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The epoch loop train and tune share: best epoch, early stopping, the network published. */
class EpochLoopTest {
    private static final TrainingState FRESH = new TrainingState("test", 0, List.of(), 0, null, 0);

    /**
     * A network whose output bias is the epoch it was fitted to, with scripted validation losses
     * (index 0: the untrained network).
     */
    private static final class Scripted implements EpochLoop.Fitter {
        private final MultiLayerNetwork network = TestNetworks.constant(3, 1, 0f);
        private final double[] validation;
        private int epoch;

        Scripted(double... validation) {
            this.validation = validation;
        }

        @Override
        public void fitEpoch(int epoch) {
            this.epoch = epoch;
            network.getLayer(network.getnLayers() - 1).getParam("b").assign(epoch);
        }

        @Override
        public double trainLoss() {
            return 1.0 / (epoch + 1);
        }

        @Override
        public Double validationLoss() {
            return validation.length == 0 ? null : validation[epoch];
        }

        @Override
        public MultiLayerNetwork network() {
            return network;
        }
    }

    private static float bias(MultiLayerNetwork network) {
        return network.getLayer(network.getnLayers() - 1).getParam("b").getFloat(0);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutALowerLossAndPublishesTheBestEpoch() {
        Scripted fitter = new Scripted(0.5, 0.4, 0.3, 0.35, 0.36, 0.37, 0.1);

        EpochLoop.Result result = new EpochLoop(6, 3).run(fitter, 10, true, FRESH, null, new EpochLoop.Listener() { });

        assertEquals(5, result.state().lossHistory().size(), "epoch 6's lower loss is never reached");
        assertEquals(2, result.publishedEpoch());
        assertEquals(0.3, result.publishedValidationLoss());
        assertEquals(2f, bias(result.network()), "a copy of epoch 2's network, not the last one");
    }

    @Test
    void aResumedRunThatHadStoppedEarlyFitsNoMoreEpochs() {
        Scripted first = new Scripted(0.5, 0.4, 0.3, 0.35, 0.36, 0.37, 0.1);
        EpochLoop.Result stopped = new EpochLoop(6, 3).run(first, 10, true, FRESH, null, new EpochLoop.Listener() { });
        Scripted resumed = new Scripted(0.5, 0.4, 0.3, 0.35, 0.36, 0.37, 0.1);

        EpochLoop.Result result = new EpochLoop(6, 3).run(resumed, 10, true, stopped.state(), stopped.network(),
                new EpochLoop.Listener() { });

        assertEquals(0, resumed.epoch, "no epoch was fitted");
        assertEquals(stopped.state().lossHistory(), result.state().lossHistory());
        assertEquals(2, result.publishedEpoch());
        assertSame(stopped.network(), result.network());
    }

    @Test
    void theUntrainedNetworkIsPublishedWhenNoEpochBeatsIt() {
        Scripted fitter = new Scripted(0.2, 0.3, 0.4, 0.5);

        EpochLoop.Result result = new EpochLoop(3, 2).run(fitter, 10, true, FRESH, null, new EpochLoop.Listener() { });

        assertEquals(0, result.publishedEpoch());
        assertEquals(0.2, result.publishedValidationLoss());
        assertEquals(0f, bias(result.network()));
    }

    @Test
    void withoutValidationEveryEpochRunsAndTheLastIsPublished() {
        Scripted fitter = new Scripted();

        EpochLoop.Result result = new EpochLoop(4, 2).run(fitter, 10, false, FRESH, null, new EpochLoop.Listener() { });

        assertEquals(4, result.publishedEpoch());
        assertSame(fitter.network(), result.network());
        assertNull(result.publishedValidationLoss());
    }
}

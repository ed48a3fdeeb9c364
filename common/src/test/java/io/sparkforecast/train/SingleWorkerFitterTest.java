package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.model.lstm.FastLstm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SingleWorkerFitterTest {
    private static final int BATCH = 8;
    private static final int STEPS = 6;
    private static final long SEED = 17;

    @Test
    void eachRoundContinuesTheNetworkAsARebuildFromItsConfigurationWould() {
        // Adam's bias correction reads the iteration count, which a round restarts: three epochs
        // (one round each) must give the parameters of rebuilding the network every round.
        Map<String, DataSet> files = new LinkedHashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            int examples = i == 2 ? 3 : BATCH; // one short file, re-cut with the ones after it
            files.put("batch-" + i, new DataSet(Nd4j.rand(DataType.FLOAT, examples, 1, STEPS),
                    Nd4j.rand(DataType.FLOAT, examples, 1)));
        }
        List<String> paths = new ArrayList<>(files.keySet());
        MultiLayerNetwork start = network();
        MultiLayerNetwork given = start.clone();
        SingleWorkerFitter fitter = new SingleWorkerFitter(given, paths, List.of(), files::get, SEED, BATCH,
                true, SingleWorkerFitter.BatchProgress.NONE);

        MultiLayerNetwork rebuilt = start.clone();
        MultiLayerConfiguration configuration = start.getLayerWiseConfigurations();
        for (int epoch = 1; epoch <= 3; epoch++) {
            fitter.fitEpoch(epoch);
            MultiLayerNetwork fresh = new MultiLayerNetwork(configuration.clone());
            fresh.init(rebuilt.params().dup(), false);
            fresh.getUpdater().getStateViewArray().assign(rebuilt.getUpdater().getStateViewArray());
            rebuilt = fresh;
            List<String> order = new ArrayList<>(paths);
            Collections.shuffle(order, new Random(SEED + epoch));
            FullBatches batches = new FullBatches(BATCH);
            MultiLayerNetwork round = rebuilt;
            order.forEach(path -> batches.add(files.get(path), round::fit));
            batches.finish(round::fit);

            assertArrayEquals(rebuilt.params().data().asFloat(), fitter.network().params().data().asFloat(),
                    "epoch " + epoch);
        }
        assertEquals(0, given.getLayerWiseConfigurations().getIterationCount()); // the given network is left as it was
        assertArrayEquals(start.params().data().asFloat(), given.params().data().asFloat());
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(0.01))
                .list()
                .layer(new LastTimeStep(new FastLstm.Builder().nOut(4).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, STEPS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}

package io.sparkforecast.model.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fast layer against finite differences and against DL4J's own LSTM with the same weights. */
class FastLstmTest {
    private static final int FEATURES = 3;
    private static final int STEPS = 7;
    private static final int BATCH = 4;

    /** LSTM(5) -> last step of LSTM(4) -> dense(2), double precision, no updater. */
    private static MultiLayerNetwork network(boolean fast, double dropoutKeep) {
        return network(fast, dropoutKeep, DataType.DOUBLE);
    }

    private static MultiLayerNetwork network(boolean fast, double dropoutKeep, DataType type) {
        AbstractLSTM.Builder<?> first = fast ? new FastLstm.Builder() : new LSTM.Builder().activation(Activation.TANH);
        AbstractLSTM.Builder<?> second = fast ? new FastLstm.Builder() : new LSTM.Builder().activation(Activation.TANH);
        first.nOut(5).forgetGateBiasInit(1.5);
        second.nOut(4).forgetGateBiasInit(0.5);
        if (dropoutKeep < 1) {
            first.dropOut(dropoutKeep);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345).dataType(type).weightInit(WeightInit.XAVIER).updater(new NoOp())
                .list()
                .layer(first.build())
                .layer(new LastTimeStep(second.build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(2)
                        .build())
                .setInputType(InputType.recurrent(FEATURES, STEPS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, BATCH, FEATURES, STEPS).subi(0.5).muli(2);
    }

    private static INDArray labels() {
        Nd4j.getRandom().setSeed(8);
        return Nd4j.rand(DataType.DOUBLE, BATCH, 2);
    }

    @Test
    void sameParametersAsTheStockLayer() {
        MultiLayerNetwork stock = network(false, 1);
        MultiLayerNetwork fast = network(true, 1);
        assertEquals(stock.numParams(), fast.numParams());
        assertEquals(stock.paramTable().keySet(), fast.paramTable().keySet());
        // Forget gate biases as configured, the other biases zero.
        INDArray bias = fast.getParam("0_b");
        assertEquals(1.5, bias.getDouble(5), 0);
        assertEquals(0.0, bias.getDouble(0), 0);
        for (String key : stock.paramTable().keySet()) {
            assertEquals(java.util.Arrays.toString(stock.getParam(key).shape()),
                    java.util.Arrays.toString(fast.getParam(key).shape()), key);
        }
    }

    @Test
    void outputsAndGradientsEqualTheStockLayersWithTheSameWeights() {
        MultiLayerNetwork stock = network(false, 1);
        MultiLayerNetwork fast = network(true, 1);
        fast.setParams(stock.params().dup());

        assertTrue(stock.output(input()).equalsWithEps(fast.output(input()), 1e-12));

        stock.setInput(input());
        stock.setLabels(labels());
        stock.computeGradientAndScore();
        fast.setInput(input());
        fast.setLabels(labels());
        fast.computeGradientAndScore();
        assertEquals(stock.score(), fast.score(), 1e-12);
        for (String key : stock.paramTable().keySet()) {
            INDArray expected = stock.gradient().getGradientFor(key);
            INDArray actual = fast.gradient().getGradientFor(key);
            assertTrue(expected.equalsWithEps(actual, 1e-10), key + ": " + expected + " vs " + actual);
        }
    }

    /** Float networks take the Java cell (approximate tanh): equal to float tolerance. */
    @Test
    void floatOutputsAndGradientsEqualTheStockLayersToFloatTolerance() {
        MultiLayerNetwork stock = network(false, 1, DataType.FLOAT);
        MultiLayerNetwork fast = network(true, 1, DataType.FLOAT);
        fast.setParams(stock.params().dup());
        INDArray input = input().castTo(DataType.FLOAT);
        INDArray labels = labels().castTo(DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
        mask.putScalar(3, 6, 0);

        for (INDArray inputMask : new INDArray[] {null, mask}) {
            assertTrue(stock.output(input, false, inputMask, null)
                    .equalsWithEps(fast.output(input, false, inputMask, null), 1e-5));
            stock.setLayerMaskArrays(inputMask, null);
            fast.setLayerMaskArrays(inputMask, null);
            stock.setInput(input);
            stock.setLabels(labels);
            stock.computeGradientAndScore();
            fast.setInput(input);
            fast.setLabels(labels);
            fast.computeGradientAndScore();
            for (String key : stock.paramTable().keySet()) {
                INDArray expected = stock.gradient().getGradientFor(key);
                INDArray actual = fast.gradient().getGradientFor(key);
                double scale = Math.max(1e-3, expected.norm2Number().doubleValue());
                double difference = expected.sub(actual).norm2Number().doubleValue();
                assertTrue(difference / scale < 1e-4, key + ": relative difference " + difference / scale);
            }
        }
    }

    /**
     * A layer with one input computes x W inside the gate math; a second input that is always 0
     * takes the matrix product over all steps instead: the same floats, masked or not, and the
     * same gradients.
     */
    @Test
    void oneInputLayersGiveTheFloatsOfTheMatrixProductPath() {
        MultiLayerNetwork one = univariate(1);
        MultiLayerNetwork two = univariate(2);
        INDArray w = two.getParam("0_W");
        w.getRow(0).assign(one.getParam("0_W").getRow(0));
        for (String key : new String[] {"0_RW", "0_b", "1_W", "1_b"}) {
            two.setParam(key, one.getParam(key).dup());
        }
        INDArray x = input().castTo(DataType.FLOAT).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1),
                NDArrayIndex.all()).dup();
        INDArray padded = Nd4j.concat(1, x, Nd4j.zeros(DataType.FLOAT, BATCH, 1, STEPS));
        INDArray labels = labels().castTo(DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
        mask.putScalar(2, 6, 0);
        for (INDArray inputMask : new INDArray[] {null, mask}) {
            assertArrayEquals(one.output(x, false, inputMask, null).dup().data().asFloat(),
                    two.output(padded, false, inputMask, null).dup().data().asFloat());
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {one, two}) {
                net.setLayerMaskArrays(inputMask, null);
                net.setInput(net == one ? x : padded);
                net.setLabels(labels);
                net.computeGradientAndScore();
            }
            for (String key : new String[] {"0_RW", "0_b", "1_W", "1_b"}) {
                assertArrayEquals(one.gradient().getGradientFor(key).dup().data().asFloat(),
                        two.gradient().getGradientFor(key).dup().data().asFloat(), key);
            }
            assertArrayEquals(one.gradient().getGradientFor("0_W").dup().data().asFloat(),
                    two.gradient().getGradientFor("0_W").getRow(0).dup().data().asFloat());
        }
    }

    /** Float LSTM(5) of the given inputs -> last step -> dense(2). */
    private static MultiLayerNetwork univariate(int inputs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new NoOp())
                .list()
                .layer(new LastTimeStep(new FastLstm.Builder().nOut(5).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(2)
                        .build())
                .setInputType(InputType.recurrent(inputs, STEPS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void masksGiveTheStockLayersResultsForVariableLengthSeries() {
        MultiLayerNetwork stock = network(false, 1);
        MultiLayerNetwork fast = network(true, 1);
        fast.setParams(stock.params().dup());
        INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
        mask.putScalar(1, 6, 0);
        mask.putScalar(2, 5, 0).putScalar(2, 6, 0);

        stock.setLayerMaskArrays(mask, null);
        fast.setLayerMaskArrays(mask, null);
        INDArray expected = stock.output(input(), false, mask, null);
        INDArray actual = fast.output(input(), false, mask, null);
        assertTrue(expected.equalsWithEps(actual, 1e-12), expected + " vs " + actual);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        DataType floats = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork fast = network(true, 1);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(input())
                    .labels(labels()).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
            INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
            mask.putScalar(0, 6, 0);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(input())
                    .labels(labels()).inputMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
        } finally {
            Nd4j.setDefaultDataTypes(floats, floats);
        }
    }

    @Test
    void rnnTimeStepCarriesTheStateAcrossCalls() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(3).dataType(type).weightInit(WeightInit.XAVIER).updater(new NoOp())
                    .list()
                    .layer(new FastLstm.Builder().nOut(5).build())
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                            .nOut(1).build())
                    .setInputType(InputType.recurrent(FEATURES))
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            INDArray input = input().castTo(type);
            INDArray whole = net.output(input);

            net.rnnClearPreviousState();
            for (int t = 0; t < STEPS; t++) {
                INDArray step = net.rnnTimeStep(input.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(t, t + 1)));
                INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                assertTrue(expected.equalsWithEps(step.reshape(expected.shape()), 1e-6), type + " step " + t);
            }
        }
    }

    @Test
    void jsonRoundTripKeepsTheLayer() {
        MultiLayerNetwork fast = network(true, 0.8);
        String json = fast.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(FastLstm.class.getName()), json);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(fast.getLayerWiseConfigurations(), restored);
        assertTrue(restored.getConf(0).getLayer() instanceof FastLstm);
    }
}

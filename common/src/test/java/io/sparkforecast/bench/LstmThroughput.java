package io.sparkforecast.bench;

import io.sparkforecast.model.lstm.FastLstm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput of one DL4J network in one JVM, without Spark: the stock LSTM layer or the
 * product's FastLstm, on the sine windows of the PyTorch peer script (same data recipe, shapes,
 * optimiser). Prints one line per epoch and the median samples/s over the measured epochs: those
 * after the warm-up, epochs run until WARMUP_SECONDS have passed (at least one), while the JIT
 * compiler is still compiling the layer's loops (a training run of the default 100 epochs spends
 * nearly all of its time after that).
 *   args: layer (stock|fast) units (e.g. 50,100) steps batch samples epochs (measured)
 */
public final class LstmThroughput {
    private static final double WARMUP_SECONDS = 3;

    private LstmThroughput() {
    }

    public static void main(String[] args) {
        String layer = args[0];
        int[] units = java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int steps = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int samples = Integer.parseInt(args[4]);
        int epochs = Integer.parseInt(args[5]);
        System.out.printf(Locale.ROOT, "layer=%s units=%s steps=%d batch=%d samples=%d%n", layer, args[1], steps, batch,
                samples);
        System.out.printf(Locale.ROOT, "samples_per_s=%.0f%n", run(layer, units, steps, batch, samples, epochs));
    }

    static double run(String layer, int[] units, int steps, int batch, int samples, int epochs) {
        MultiLayerNetwork net = network(layer.equals("fast"), units, steps);
        List<DataSet> batches = sineWindows(steps, samples).batchBy(batch);
        List<Double> rates = new ArrayList<>();
        Random shuffle = new Random(7);
        long warmupEnds = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        int warmup = 0;
        for (int epoch = 0; epoch < warmup + epochs; epoch++) {
            // Minibatches are built once and visited in a new order each epoch, as the exported
            // minibatch files of the product's training are.
            Collections.shuffle(batches, shuffle);
            long started = System.nanoTime();
            for (DataSet minibatch : batches) {
                net.fit(minibatch);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            rates.add(samples / seconds);
            boolean warming = epoch == warmup && System.nanoTime() < warmupEnds || epoch == 0;
            if (warming) {
                warmup++;
            }
            System.out.printf(Locale.ROOT, "epoch=%d%s score=%.5f seconds=%.2f samples_per_s=%.0f%n", epoch,
                    warming ? " (warm-up)" : "", net.score(), seconds, samples / seconds);
        }
        List<Double> measured = new ArrayList<>(rates.subList(warmup, rates.size()));
        Collections.sort(measured);
        int mid = measured.size() / 2;
        return measured.size() % 2 == 1 ? measured.get(mid) : (measured.get(mid - 1) + measured.get(mid)) / 2;
    }

    private static MultiLayerNetwork network(boolean fast, int[] units, int steps) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(0.005)).list();
        for (int i = 0; i < units.length; i++) {
            AbstractLSTM.Builder<?> lstm = fast ? new FastLstm.Builder() : new LSTM.Builder().activation(Activation.TANH);
            lstm.nOut(units[i]);
            list.layer(i == units.length - 1 ? new LastTimeStep(lstm.build()) : lstm.build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                .build());
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(1, steps)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** As the peer: x_t = sin(start + 0.2 t), start uniform in [0, 100); target sin(start + 0.2 steps). */
    private static DataSet sineWindows(int steps, int samples) {
        Random random = new Random(7);
        float[] x = new float[samples * steps];
        float[] y = new float[samples];
        for (int s = 0; s < samples; s++) {
            double start = random.nextDouble() * 100;
            for (int t = 0; t < steps; t++) {
                x[s * steps + t] = (float) Math.sin(start + t * 0.2);
            }
            y[s] = (float) Math.sin(start + steps * 0.2);
        }
        return new DataSet(Nd4j.create(x, new long[] {samples, 1, steps}, 'c'), Nd4j.create(y, new long[] {samples, 1}, 'c'));
    }
}

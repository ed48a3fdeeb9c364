package io.sparkforecast.model;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.config.LstmImplementation;
import io.sparkforecast.model.lstm.FastLstm;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the network from config: stacked LSTM layers (tanh, sigmoid gates), the last one
 * reduced to its final time step, then a dense output: linear with horizon values on mean
 * squared error for forecasting, softmax over the classes on cross-entropy for classification.
 * A stateful network keeps every time step and predicts the next horizon values at each
 * (trained on whole series with truncated BPTT).
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /** A forecasting network. */
    public static MultiLayerConfiguration create(NetworkSpec network, TrainingSpec training, int features,
                                                 int lookback, int outputs) {
        return create(network, training, features, lookback, outputs, 0, false);
    }

    /**
     * @param features inputs per window step
     * @param lookback window steps per sample (time steps, or flattened into one: network.window_as)
     * @param horizon  values predicted per sample when forecasting
     * @param classes  0 to forecast, else the classes to classify into
     * @param residual the targets are a baseline's residuals: the output layer starts at zero, so
     *                 the untrained network forecasts the baseline and training moves away from it
     */
    public static MultiLayerConfiguration create(NetworkSpec network, TrainingSpec training, int features,
                                                 int lookback, int horizon, int classes, boolean residual) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater(training));
        if (training.gradientClipping() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerParamType)
                    .gradientNormalizationThreshold(training.gradientClipping());
        }
        NeuralNetConfiguration.ListBuilder layers = base.list();
        List<Integer> units = network.layers();
        int width = network.windowAs().width(lookback, features);
        int inputs = width;
        for (int i = 0; i < units.size(); i++) {
            AbstractLSTM.Builder<?> lstm = network.implementation() == LstmImplementation.FAST ? new FastLstm.Builder()
                    : new LSTM.Builder();
            lstm.nIn(inputs)
                    .nOut(units.get(i))
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .forgetGateBiasInit(network.forgetGateBias());
            if (network.dropout() > 0) {
                lstm.dropOut(1.0 - network.dropout()); // DL4J takes the probability of keeping
            }
            boolean last = i == units.size() - 1;
            layers.layer(last && !network.stateful() ? new LastTimeStep(lstm.build()) : lstm.build());
            inputs = units.get(i);
        }
        if (network.stateful()) {
            // Outputs at every step; truncated BPTT carries the state across stretches of lookback steps.
            layers.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .activation(Activation.IDENTITY).nIn(inputs).nOut(horizon).build());
            return layers.setInputType(InputType.recurrent(width))
                    .backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(lookback)
                    .tBPTTBackwardLength(lookback)
                    .build();
        }
        boolean classify = classes > 0;
        layers.layer(new OutputLayer.Builder(classify ? LossFunctions.LossFunction.MCXENT
                : LossFunctions.LossFunction.MSE)
                .activation(classify ? Activation.SOFTMAX : Activation.IDENTITY)
                .nIn(inputs)
                .nOut(classify ? classes : horizon)
                .weightInit(residual ? WeightInit.ZERO : WeightInit.XAVIER)
                .build());
        return layers.setInputType(InputType.recurrent(width, network.windowAs().steps(lookback))).build();
    }

    private static IUpdater updater(TrainingSpec training) {
        return switch (training.optimizer()) {
            case ADAM -> new Adam(training.learningRate());
            case RMSPROP -> new RmsProp(training.learningRate());
            case SGD -> new Sgd(training.learningRate());
        };
    }
}

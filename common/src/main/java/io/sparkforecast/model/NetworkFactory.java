package io.sparkforecast.model;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.model.lstm.FastLstm;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
 * Builds the forecasting network from config: stacked LSTM layers (tanh, sigmoid gates), the
 * last one reduced to its final time step, then a linear dense output of horizon values,
 * trained on mean squared error.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /**
     * @param features inputs per time step
     * @param lookback time steps per sample
     * @param outputs  values predicted per sample (the horizon)
     */
    public static MultiLayerConfiguration create(NetworkSpec network, TrainingSpec training, int features,
                                                 int lookback, int outputs) {
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
        int inputs = features;
        for (int i = 0; i < units.size(); i++) {
            AbstractLSTM.Builder<?> lstm = network.implementation().equals("fast") ? new FastLstm.Builder()
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
            layers.layer(last ? new LastTimeStep(lstm.build()) : lstm.build());
            inputs = units.get(i);
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY)
                .nIn(inputs)
                .nOut(outputs)
                .build());
        return layers.setInputType(InputType.recurrent(features, lookback)).build();
    }

    private static IUpdater updater(TrainingSpec training) {
        return switch (training.optimizer()) {
            case ADAM -> new Adam(training.learningRate());
            case RMSPROP -> new RmsProp(training.learningRate());
            case SGD -> new Sgd(training.learningRate());
        };
    }
}

package io.sparkforecast.model.lstm;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the product's LSTM layer: the same cell, parameters (W, RW, b in DL4J's
 * layout: block input, forget, output, input gate) and JSON form as DL4J's stock LSTM, computed
 * by {@link FastLstmLayer} with far fewer native calls per time step. Tanh activation and
 * sigmoid gates only, as the forecasting networks use.
 */
public class FastLstm extends AbstractLSTM {

    /** For JSON deserialization. */
    public FastLstm() {
    }

    private FastLstm(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH) || !(getGateActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("FastLstm supports tanh activation with sigmoid gates; layer "
                    + getLayerName() + " has " + getActivationFn() + " and " + getGateActivationFn());
        }
        // The layer gets its own copy of the configuration, dropout included: DL4J's LastTimeStep
        // wrapper clones shallowly, so the networks of two workers in one JVM (dl4j-spark clones
        // the broadcast configuration per worker) would otherwise share one dropout instance, and
        // one worker's backward pass would find the mask the other had cleared.
        NeuralNetConfiguration own = conf.clone();
        FastLstmLayer layer = new FastLstmLayer(own, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(own, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(own);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return FastLstmParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, recurrent.getTimeSeriesLength());
        long units = getNOut();
        long params = initializer().numParams(this);
        // Per example and time step: 4 pre-activations and 4 gate values, cell, tanh(cell), output.
        long perExample = steps * (4 * units * 2 + 3 * units + getNIn());
        return new LayerMemoryReport.Builder(getLayerName(), FastLstm.class, inputType,
                getOutputType(-1, inputType))
                .standardMemory(params, getIUpdater().stateSize(params))
                .workingMemory(0, perExample, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Builds a {@link FastLstm}; the options are those of DL4J's LSTM builder. */
    public static class Builder extends AbstractLSTM.Builder<Builder> {
        public Builder() {
            activation(new ActivationTanH());
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastLstm build() {
            return new FastLstm(this);
        }
    }
}

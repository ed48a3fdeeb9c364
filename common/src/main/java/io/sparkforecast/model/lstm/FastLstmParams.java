package io.sparkforecast.model.lstm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link FastLstm}, laid out as DL4J's LSTM lays out its own (so weights
 * move between the two): input weights W [nIn, 4n], recurrent weights RW [n, 4n] and bias
 * b [4n], the weights 'f'-ordered, gate blocks in the order block input, forget, output, input gate.
 */
public final class FastLstmParams implements ParamInitializer {
    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "RW";
    public static final String BIAS = "b";
    static final FastLstmParams INSTANCE = new FastLstmParams();
    private static final List<String> KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, BIAS);

    private FastLstmParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FastLstm lstm = (FastLstm) layer;
        long units = lstm.getNOut();
        return (lstm.getNIn() + units + 1) * 4 * units;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHTS.equals(key) || RECURRENT_WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FastLstm lstm = (FastLstm) conf.getLayer();
        KEYS.forEach(conf::addVariable);
        Map<String, INDArray> views = views(lstm, paramsView);
        if (initializeParams) {
            long units = lstm.getNOut();
            long fanIn = units;
            long fanOut = lstm.getNIn() + units;
            IWeightInit recurrentInit = lstm.getWeightInitFnRecurrent() != null ? lstm.getWeightInitFnRecurrent()
                    : lstm.getWeightInitFn();
            INDArray w = views.get(INPUT_WEIGHTS);
            INDArray rw = views.get(RECURRENT_WEIGHTS);
            lstm.getWeightInitFn().init(fanIn, fanOut, w.shape(), IWeightInit.DEFAULT_WEIGHT_INIT_ORDER, w);
            recurrentInit.init(fanIn, fanOut, rw.shape(), IWeightInit.DEFAULT_WEIGHT_INIT_ORDER, rw);
            INDArray b = views.get(BIAS);
            b.assign(0);
            b.get(NDArrayIndex.interval(units, 2 * units)).assign(lstm.getForgetGateBiasInit());
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FastLstm) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FastLstm lstm, INDArray flat) {
        long nIn = lstm.getNIn();
        long units = lstm.getNOut();
        if (flat.length() != (nIn + units + 1) * 4 * units) {
            throw new IllegalStateException("FastLstm parameter view of length " + flat.length() + ", expected "
                    + (nIn + units + 1) * 4 * units);
        }
        INDArray line = flat.reshape(flat.length());
        long w = nIn * 4 * units;
        long rw = units * 4 * units;
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(INPUT_WEIGHTS, line.get(NDArrayIndex.interval(0, w)).reshape('f', nIn, 4 * units));
        views.put(RECURRENT_WEIGHTS, line.get(NDArrayIndex.interval(w, w + rw)).reshape('f', units, 4 * units));
        views.put(BIAS, line.get(NDArrayIndex.interval(w + rw, w + rw + 4 * units)));
        return views;
    }
}

package io.sparkforecast.model.lstm;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM computation of {@link FastLstm}, organised for few native calls: the input
 * projection of all time steps is one matrix product (or, for one input, part of the gate math),
 * each step is one recurrent product plus
 * the element-wise gate math (see {@link LstmCell}), the forward pass of a training step is kept
 * for its backward pass instead of being recomputed, and the weight and input gradients are
 * matrix products over all time steps at once. Buffers are reused between minibatches.
 *
 * <p>Cell (DL4J's LSTM without peepholes): z = x W + h_prev RW + b, split into block input a,
 * forget f, output o and input gate g; a = tanh, f, o, g = sigmoid; c = f * c_prev + g * a;
 * h = o * tanh(c).
 */
public class FastLstmLayer extends BaseRecurrentLayer<FastLstm> {
    public static final String STATE_OUTPUT = "prevAct";
    public static final String STATE_CELL = "prevMem";

    private final TimeMajor timeMajor = new TimeMajor();
    // The buffers and cell of the current minibatch shape, and of the one before: an epoch's
    // last, smaller minibatch alternates with the full ones, and rebuilding them each time cost
    // as much as the gate math (profile of a training step).
    private LstmBuffers buffers;
    private LstmCell cell;
    private LstmBuffers spareBuffers;
    private LstmCell spareCell;
    /** The forward pass kept for backprop: valid from a training forward until its backward. */
    private boolean forwardKept;
    private INDArray keptInitialOutput;
    private INDArray keptInitialCell;

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private long units() {
        return layerConf().getNOut();
    }

    private LstmBuffers buffers(long batch, long steps) {
        DataType type = paramsFlattened.dataType();
        if (buffers == null || !buffers.fits(type, batch, steps)) {
            LstmBuffers previousBuffers = buffers;
            LstmCell previousCell = cell;
            if (spareBuffers != null && spareBuffers.fits(type, batch, steps)) {
                buffers = spareBuffers;
                cell = spareCell;
            } else {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    buffers = new LstmBuffers(type, batch, steps, layerConf().getNIn(), units());
                }
                cell = JavaLstmCell.supports(type) ? new JavaLstmCell() : new OpsLstmCell();
            }
            spareBuffers = previousBuffers;
            spareCell = previousCell;
        }
        return buffers;
    }

    /**
     * Runs the layer over the whole input from the given state (null = zeros).
     *
     * @return the outputs as [batch, units, steps], an activations array of the workspace manager
     */
    private INDArray forward(boolean training, INDArray initialOutput, INDArray initialCell,
                             LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        long batch = input.size(0);
        long steps = input.size(2);
        long n = units();
        LstmBuffers b = buffers(batch, steps);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            timeMajor.fromBatchUnitsSteps(input, b.input);
            cell.forward(b, getParam(FastLstmParams.INPUT_WEIGHTS), getParam(FastLstmParams.RECURRENT_WEIGHTS),
                    getParam(FastLstmParams.BIAS), initialOutput, initialCell, maskArray);
        }
        forwardKept = training;
        keptInitialOutput = initialOutput;
        keptInitialCell = initialCell;
        return timeMajor.batchUnitsStepsView(b.outputs, workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS,
                b.outputs.dataType(), new long[] {steps, batch, n}, 'c'));
    }

    /** Stores the state after the last step for the next call. */
    private void keepState(Map<String, INDArray> state) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            state.put(STATE_OUTPUT, buffers.step(buffers.outputs, buffers.steps - 1).dup());
            state.put(STATE_CELL, cell.lastCell(buffers));
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(false, stateMap.get(STATE_OUTPUT), stateMap.get(STATE_CELL), workspaceMgr);
        keepState(stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(training, tBpttStateMap.get(STATE_OUTPUT), tBpttStateMap.get(STATE_CELL), workspaceMgr);
        if (storeLastForTBPTT) {
            keepState(tBpttStateMap);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int backwardLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, backwardLength, workspaceMgr);
    }

    /** @param backwardLength time steps to backpropagate through, from the last; -1 = all */
    private Pair<Gradient, INDArray> backward(INDArray epsilon, int backwardLength, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!forwardKept) {
            forward(true, keptInitialOutput, keptInitialCell, workspaceMgr);
        }
        forwardKept = false;
        LstmBuffers b = buffers;
        LstmBuffers.Gradients d = b.gradients();
        long batch = b.batch;
        long steps = b.steps;
        long n = units();
        long first = backwardLength < 0 ? 0 : Math.max(0, steps - backwardLength);
        INDArray dW = gradientViews.get(FastLstmParams.INPUT_WEIGHTS);
        INDArray dRw = gradientViews.get(FastLstmParams.RECURRENT_WEIGHTS);
        INDArray inputGradient;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            timeMajor.fromBatchUnitsSteps(epsilon, d.outputs());
            cell.backward(b, getParam(FastLstmParams.RECURRENT_WEIGHTS), keptInitialCell, maskArray, first);
            INDArray dz = b.steps(d.gates(), first, steps);
            Gemm.gemm(b.steps(b.input, first, steps), dz, dW, true, false, 0.0);
            long from = Math.max(first, 1);
            if (from < steps) {
                Gemm.gemm(b.steps(b.outputs, from - 1, steps - 1), b.steps(d.gates(), from, steps), dRw,
                        true, false, 0.0);
            } else {
                dRw.assign(0);
            }
            if (first == 0 && keptInitialOutput != null) {
                Gemm.gemm(keptInitialOutput, b.step(d.gates(), 0), dRw, true, false, 1.0);
            }
            cell.biasGradient(b, first, gradientViews.get(FastLstmParams.BIAS));
            INDArray dInput = d.inputs();
            Gemm.gemm(d.gates(), getParam(FastLstmParams.INPUT_WEIGHTS), dInput, false, true, 0.0);
            inputGradient = timeMajor.batchUnitsStepsView(dInput, workspaceMgr.createUninitialized(
                    ArrayType.ACTIVATION_GRAD, dInput.dataType(), new long[] {steps, batch, dInput.size(1)}, 'c'));
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(FastLstmParams.INPUT_WEIGHTS, dW);
        gradient.gradientForVariable().put(FastLstmParams.RECURRENT_WEIGHTS, dRw);
        gradient.gradientForVariable().put(FastLstmParams.BIAS, gradientViews.get(FastLstmParams.BIAS));
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // As DL4J's LSTM: the mask passes through; masked steps are zeroed in the passes above.
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public void clearNoiseWeightParams() {
        weightNoiseParams.clear();
    }
}

package io.sparkforecast.model.lstm;

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
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The LSTM computation of {@link FastLstm}, organised for few native calls: the input
 * projection of all time steps is one matrix product, each step is one recurrent product plus
 * a handful of element-wise ops on time-major buffers that are reused between minibatches, the
 * forward pass of a training step is kept for its backward pass instead of being recomputed,
 * and the weight gradients are three matrix products over all time steps at once.
 *
 * <p>Cell (DL4J's LSTM without peepholes): z = x W + h_prev RW + b, split into block input a,
 * forget f, output o and input gate g; a = tanh, f, o, g = sigmoid; c = f * c_prev + g * a;
 * h = o * tanh(c).
 */
public class FastLstmLayer extends BaseRecurrentLayer<FastLstm> {
    public static final String STATE_OUTPUT = "prevAct";
    public static final String STATE_CELL = "prevMem";

    /** Buffers of one minibatch shape, time-major: row block t holds time step t. */
    private Buffers buffers;
    /** The forward pass kept for backprop: valid from a training forward until its backward. */
    private boolean forwardKept;
    private INDArray keptInitialOutput;
    private INDArray keptInitialCell;

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private static final class Buffers {
        final long batch;
        final long steps;
        final INDArray input;          // [T*b, nIn]
        final INDArray preactivations; // [T*b, 4n]
        final INDArray gates;          // [T*b, 4n]: a, f, o, g after their activations
        final INDArray cells;          // [T*b, n]
        final INDArray cellTanh;       // [T*b, n]
        final INDArray outputs;        // [T*b, n]
        final INDArray gateGradients;  // [T*b, 4n]
        final INDArray outputGradients;// [T*b, n]: dL/dh, recurrent contributions accumulated
        final INDArray sigmoidInputs;  // [b, 3n]: upstream gradients of f, o, g
        final INDArray cellGradient;   // [b, n]
        final INDArray cellGradientNext; // [b, n]
        final INDArray scratch;        // [b, n]

        Buffers(DataType type, long batch, long steps, long nIn, long units) {
            this.batch = batch;
            this.steps = steps;
            long rows = batch * steps;
            input = Nd4j.create(type, new long[] {rows, nIn}, 'c');
            preactivations = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
            gates = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
            cells = Nd4j.create(type, new long[] {rows, units}, 'c');
            cellTanh = Nd4j.create(type, new long[] {rows, units}, 'c');
            outputs = Nd4j.create(type, new long[] {rows, units}, 'c');
            gateGradients = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
            outputGradients = Nd4j.create(type, new long[] {rows, units}, 'c');
            sigmoidInputs = Nd4j.create(type, new long[] {batch, 3 * units}, 'c');
            cellGradient = Nd4j.create(type, new long[] {batch, units}, 'c');
            cellGradientNext = Nd4j.create(type, new long[] {batch, units}, 'c');
            scratch = Nd4j.create(type, new long[] {batch, units}, 'c');
        }

        INDArray step(INDArray timeMajor, long t) {
            return timeMajor.get(NDArrayIndex.interval(t * batch, (t + 1) * batch), NDArrayIndex.all());
        }

        INDArray steps(INDArray timeMajor, long from, long to) {
            return timeMajor.get(NDArrayIndex.interval(from * batch, to * batch), NDArrayIndex.all());
        }
    }

    private long units() {
        return layerConf().getNOut();
    }

    private Buffers buffers(long batch, long steps) {
        if (buffers == null || buffers.batch != batch || buffers.steps != steps
                || buffers.input.dataType() != paramsFlattened.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffers = new Buffers(paramsFlattened.dataType(), batch, steps, layerConf().getNIn(), units());
            }
        }
        return buffers;
    }

    private static INDArray columns(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    // ---------------------------------------------------------------------------------- forward

    /**
     * Runs the cell over the whole input from the given initial state (null = zeros), filling
     * the buffers. @return the buffers' outputs as [batch, units, steps] in the given array type
     */
    private INDArray forward(boolean training, INDArray initialOutput, INDArray initialCell,
                             LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        long batch = input.size(0);
        long steps = input.size(2);
        long n = units();
        Buffers b = buffers(batch, steps);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            b.input.reshape('c', steps, batch, input.size(1)).assign(input.permute(2, 0, 1));
            INDArray w = getParam(FastLstmParams.INPUT_WEIGHTS);
            INDArray rw = getParam(FastLstmParams.RECURRENT_WEIGHTS);
            INDArray bias = getParam(FastLstmParams.BIAS);
            Nd4j.gemm(b.input, w, b.preactivations, false, false, 1.0, 0.0);
            b.preactivations.addiRowVector(bias);

            INDArray previousOutput = initialOutput;
            INDArray previousCell = initialCell;
            for (long t = 0; t < steps; t++) {
                INDArray z = b.step(b.preactivations, t);
                if (previousOutput != null) {
                    Nd4j.gemm(previousOutput, rw, z, false, false, 1.0, 1.0);
                }
                INDArray gate = b.step(b.gates, t);
                Nd4j.exec(new Tanh(columns(z, 0, n), columns(gate, 0, n)));
                Nd4j.exec(new Sigmoid(columns(z, n, 4 * n), columns(gate, n, 4 * n)));
                INDArray a = columns(gate, 0, n);
                INDArray f = columns(gate, n, 2 * n);
                INDArray o = columns(gate, 2 * n, 3 * n);
                INDArray g = columns(gate, 3 * n, 4 * n);

                INDArray cell = b.step(b.cells, t);
                Nd4j.exec(new MulOp(g, a, cell));
                if (previousCell != null) {
                    Nd4j.exec(new MulOp(f, previousCell, b.scratch));
                    cell.addi(b.scratch);
                }
                INDArray output = b.step(b.outputs, t);
                if (maskArray != null) {
                    INDArray keep = maskArray.getColumn(t, true);
                    cell.muliColumnVector(keep);
                    Nd4j.exec(new Tanh(cell, b.step(b.cellTanh, t)));
                    Nd4j.exec(new MulOp(o, b.step(b.cellTanh, t), output));
                    output.muliColumnVector(keep);
                } else {
                    Nd4j.exec(new Tanh(cell, b.step(b.cellTanh, t)));
                    Nd4j.exec(new MulOp(o, b.step(b.cellTanh, t), output));
                }
                previousOutput = output;
                previousCell = cell;
            }
        }
        forwardKept = training;
        keptInitialOutput = initialOutput;
        keptInitialCell = initialCell;
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, b.outputs.dataType(),
                new long[] {batch, n, steps}, 'f');
        result.assign(b.outputs.reshape('c', steps, batch, n).permute(1, 2, 0));
        return result;
    }

    private INDArray lastOutput() {
        return buffers.step(buffers.outputs, buffers.steps - 1).dup();
    }

    private INDArray lastCell() {
        return buffers.step(buffers.cells, buffers.steps - 1).dup();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(false, stateMap.get(STATE_OUTPUT), stateMap.get(STATE_CELL), workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE_OUTPUT, lastOutput());
            stateMap.put(STATE_CELL, lastCell());
        }
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(training, tBpttStateMap.get(STATE_OUTPUT), tBpttStateMap.get(STATE_CELL), workspaceMgr);
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE_OUTPUT, lastOutput());
                tBpttStateMap.put(STATE_CELL, lastCell());
            }
        }
        return out;
    }

    // --------------------------------------------------------------------------------- backward

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
        Buffers b = buffers;
        long batch = b.batch;
        long steps = b.steps;
        long n = units();
        long first = backwardLength < 0 ? 0 : Math.max(0, steps - backwardLength);
        INDArray w = getParam(FastLstmParams.INPUT_WEIGHTS);
        INDArray rw = getParam(FastLstmParams.RECURRENT_WEIGHTS);
        INDArray inputGradient;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            b.outputGradients.reshape('c', steps, batch, n).assign(epsilon.permute(2, 0, 1));
            b.gateGradients.assign(0);
            b.cellGradientNext.assign(0);
            for (long t = steps - 1; t >= first; t--) {
                stepBackward(b, t, rw, n);
            }
            INDArray dGates = b.steps(b.gateGradients, first, steps);
            Nd4j.gemm(b.steps(b.input, first, steps), dGates, gradientViews.get(FastLstmParams.INPUT_WEIGHTS),
                    true, false, 1.0, 0.0);
            INDArray dRw = gradientViews.get(FastLstmParams.RECURRENT_WEIGHTS);
            long from = Math.max(first, 1);
            if (from < steps) {
                Nd4j.gemm(b.steps(b.outputs, from - 1, steps - 1), b.steps(b.gateGradients, from, steps), dRw,
                        true, false, 1.0, 0.0);
            } else {
                dRw.assign(0);
            }
            if (first == 0 && keptInitialOutput != null) {
                Nd4j.gemm(keptInitialOutput, b.step(b.gateGradients, 0), dRw, true, false, 1.0, 1.0);
            }
            gradientViews.get(FastLstmParams.BIAS).assign(dGates.sum(0));
            INDArray dInput = b.input.ulike();
            Nd4j.gemm(b.gateGradients, w, dInput, false, true, 1.0, 0.0);
            inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dInput.dataType(),
                    new long[] {batch, dInput.size(1), steps}, 'f');
            inputGradient.assign(dInput.reshape('c', steps, batch, dInput.size(1)).permute(1, 2, 0));
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(FastLstmParams.INPUT_WEIGHTS, gradientViews.get(FastLstmParams.INPUT_WEIGHTS));
        gradient.gradientForVariable().put(FastLstmParams.RECURRENT_WEIGHTS,
                gradientViews.get(FastLstmParams.RECURRENT_WEIGHTS));
        gradient.gradientForVariable().put(FastLstmParams.BIAS, gradientViews.get(FastLstmParams.BIAS));
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    /**
     * Gradients of step t: from dL/dh_t (output gradient plus the recurrent part accumulated by
     * step t+1) and dL/dc_t from step t+1, into the gate pre-activation gradients of step t; then
     * the recurrent part of dL/dh_{t-1}.
     */
    private void stepBackward(Buffers b, long t, INDArray rw, long n) {
        INDArray gate = b.step(b.gates, t);
        INDArray a = columns(gate, 0, n);
        INDArray f = columns(gate, n, 2 * n);
        INDArray o = columns(gate, 2 * n, 3 * n);
        INDArray g = columns(gate, 3 * n, 4 * n);
        INDArray z = b.step(b.preactivations, t);
        INDArray dz = b.step(b.gateGradients, t);
        INDArray dh = b.step(b.outputGradients, t);
        INDArray cellTanh = b.step(b.cellTanh, t);
        INDArray cell = b.step(b.cells, t);
        if (maskArray != null) {
            dh.muliColumnVector(maskArray.getColumn(t, true));
        }

        // dL/dc = dh * o * tanh'(c) + dL/dc from step t+1
        Nd4j.exec(new MulOp(dh, o, b.scratch));
        Nd4j.exec(new TanhDerivative(cell, b.scratch, b.cellGradient));
        b.cellGradient.addi(b.cellGradientNext);
        if (maskArray != null) {
            b.cellGradient.muliColumnVector(maskArray.getColumn(t, true));
        }
        // Upstream gradients of the sigmoid gates f, o, g, then their pre-activation gradients.
        INDArray previousCell = t > 0 ? b.step(b.cells, t - 1) : keptInitialCell;
        if (previousCell != null) {
            Nd4j.exec(new MulOp(b.cellGradient, previousCell, columns(b.sigmoidInputs, 0, n)));
        } else {
            columns(b.sigmoidInputs, 0, n).assign(0);
        }
        Nd4j.exec(new MulOp(dh, cellTanh, columns(b.sigmoidInputs, n, 2 * n)));
        Nd4j.exec(new MulOp(b.cellGradient, a, columns(b.sigmoidInputs, 2 * n, 3 * n)));
        Nd4j.exec(new SigmoidDerivative(columns(z, n, 4 * n), b.sigmoidInputs, columns(dz, n, 4 * n)));
        // Block input: dL/da = dc * g, through tanh.
        Nd4j.exec(new MulOp(b.cellGradient, g, b.scratch));
        Nd4j.exec(new TanhDerivative(columns(z, 0, n), b.scratch, columns(dz, 0, n)));
        // dL/dc_{t-1} = dc * f; dL/dh_{t-1} += dz RW^T.
        Nd4j.exec(new MulOp(b.cellGradient, f, b.cellGradientNext));
        if (t > 0) {
            Nd4j.gemm(dz, rw, b.step(b.outputGradients, t - 1), false, true, 1.0, 1.0);
        }
    }

    // ------------------------------------------------------------------------------ bookkeeping

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

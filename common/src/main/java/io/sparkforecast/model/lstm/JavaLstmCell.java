package io.sparkforecast.model.lstm;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cell for float networks on the CPU backend: the element-wise gate math of a time step
 * runs as plain Java loops over float arrays, between the native recurrent products, instead of
 * a dozen native calls whose transcendental functions are scalar. tanh and sigmoid are within a
 * few float ulps of exact (see FastMath).
 *
 * <p>Each step's gates are copied out of their interleaved rows (a, f, o, g of a row side by
 * side, as the products produce them) into one array per gate, and every loop indexes all of
 * its arrays alike: JDK 17's JIT vectorises only such loops (measured on the cell loop: 0.78 ns
 * an element with the gates read at different offsets of one array, 0.18 ns indexed alike).
 * The gate-gradient loop, with fifteen arrays an element, is bound by memory traffic instead.
 */
final class JavaLstmCell implements LstmCell {
    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");

    private int batch;
    private int steps;
    private int units;
    // Per time step, [b*n] each, row r at r*n: kept from the forward pass for the backward.
    private float[][] blockInput;   // a = tanh
    private float[][] forget;       // f
    private float[][] output;       // o
    private float[][] inputGate;    // g
    private float[][] cells;        // c
    private float[][] cellTanh;     // tanh(c)
    // Per step scratch.
    private float[] interleaved;    // [b*4n]: a step's gates, then its gate gradients, a, f, o, g per row
    private float[] recurrent;      // [b*4n]: a step's recurrent product
    private float[] tiledBias;      // [b*4n]: the bias repeated for each row
    // A layer with one input: every step's x, a step's x repeated for each unit, and per gate its
    // input weights and bias repeated for each row.
    private float[] inputs;         // [T*b]
    private float[] tiledInput;     // [b*n]
    private float[][] tiledWeights; // [4][b*n]
    private float[][] tiledGateBias; // [4][b*n]
    private float[] stepOutput;     // [b*n]: h, then dL/dh from the layer above
    private float[] recurrentGradient; // [b*n]: dL/dh from step t+1
    private float[] cellGradientNext;  // [b*n]
    private float[] zeros;          // [b*n]: the state before the first step when none is given
    private float[][] gateGradients;   // [4][b*n]: a step's dL/dz of a, f, o, g
    private float[] gateGradientRows;  // [T*b*4n]: every step's interleaved dL/dz, for the bias gradient
    private float[] keep;           // [b*T] or null

    /** Whether this cell can run a layer with parameters of this type on the current backend. */
    static boolean supports(DataType type) {
        return type == DataType.FLOAT && CPU;
    }

    private void size(LstmBuffers b) {
        int newBatch = Math.toIntExact(b.batch);
        int newSteps = Math.toIntExact(b.steps);
        int n = Math.toIntExact(b.units);
        if (newBatch != batch || newSteps != steps || n != units) {
            int step = newBatch * n;
            blockInput = new float[newSteps][step];
            forget = new float[newSteps][step];
            output = new float[newSteps][step];
            inputGate = new float[newSteps][step];
            cells = new float[newSteps][step];
            cellTanh = new float[newSteps][step];
            interleaved = new float[4 * step];
            recurrent = new float[4 * step];
            tiledBias = new float[4 * step];
            inputs = new float[newSteps * newBatch];
            tiledInput = new float[step];
            tiledWeights = new float[4][step];
            tiledGateBias = new float[4][step];
            stepOutput = new float[step];
            zeros = new float[step];
            // The backward pass's arrays are made by its first call: inference never needs them.
            recurrentGradient = null;
            cellGradientNext = null;
            gateGradients = null;
            gateGradientRows = null;
            batch = newBatch;
            steps = newSteps;
            units = n;
        }
    }

    private static void read(INDArray source, long from, float[] target, int to, int length) {
        FloatBuffer buffer = FloatBuffers.of(source);
        buffer.position(buffer.position() + Math.toIntExact(from));
        buffer.get(target, to, length);
    }

    private static void write(float[] source, int from, INDArray target, long to, int length) {
        FloatBuffer buffer = FloatBuffers.of(target);
        buffer.position(buffer.position() + Math.toIntExact(to));
        buffer.put(source, from, length);
    }

    private static float[] toArray(INDArray state) {
        return state == null ? null : state.dup('c').data().asFloat();
    }

    @Override
    public void forward(LstmBuffers b, INDArray w, INDArray rw, INDArray biasArray, INDArray initialOutput,
                        INDArray initialCellArray, INDArray mask) {
        size(b);
        int n = units;
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        float[] initialCell = toArray(initialCellArray);
        keep = toArray(mask);
        float[] bias = toArray(biasArray);
        boolean scalarInput = b.inputs == 1;
        if (scalarInput) {
            tileByGate(toArray(w), tiledWeights);
            tileByGate(bias, tiledGateBias);
            read(b.input, 0, inputs, 0, batch * steps);
        } else {
            for (int r = 0; r < batch; r++) {
                System.arraycopy(bias, 0, tiledBias, r * 4 * n, 4 * n);
            }
            Gemm.gemm(b.input, w, b.preactivations, false, false, 0.0);
        }
        for (int t = 0; t < steps; t++) {
            float[] a = blockInput[t];
            float[] f = forget[t];
            float[] o = output[t];
            float[] g = inputGate[t];
            float[] c = cells[t];
            float[] hc = cellTanh[t];
            INDArray previousOutput = t > 0 ? b.step(b.outputs, t - 1) : initialOutput;
            if (scalarInput) {
                preactivateScalarInput(b, t, previousOutput, rw);
            } else {
                read(b.preactivations, (long) t * stepGates, interleaved, 0, stepGates);
                for (int i = 0; i < stepGates; i++) {
                    interleaved[i] += tiledBias[i];
                }
                if (previousOutput != null) {
                    Gemm.gemm(previousOutput, rw, b.recurrent, false, false, 0.0);
                    read(b.recurrent, 0, recurrent, 0, stepGates);
                    for (int i = 0; i < stepGates; i++) {
                        interleaved[i] += recurrent[i];
                    }
                }
                deinterleave(interleaved, a, f, o, g);
            }
            // Each gate's activation over the whole batch in one loop: per row, the loops were n
            // long, and at n = 32 their set-up cost more than the vector arithmetic (score profile).
            FastMath.tanh(a, a, 0, stepUnits);
            FastMath.sigmoid(f, f, 0, stepUnits);
            FastMath.sigmoid(o, o, 0, stepUnits);
            FastMath.sigmoid(g, g, 0, stepUnits);
            float[] previous = t > 0 ? cells[t - 1] : initialCell == null ? zeros : initialCell;
            // One loop over the whole batch, then the mask row by row: (x * m) of a stored float x
            // is what the fused expression gave, so masked results are unchanged.
            for (int i = 0; i < stepUnits; i++) {
                c[i] = f[i] * previous[i] + g[i] * a[i];
            }
            mask(c, t);
            FastMath.tanh(c, hc, 0, stepUnits);
            for (int i = 0; i < stepUnits; i++) {
                stepOutput[i] = o[i] * hc[i];
            }
            mask(stepOutput, t);
            write(stepOutput, 0, b.outputs, (long) t * stepUnits, stepUnits);
        }
    }

    /**
     * A layer with one input (the first layer of a univariate network): step t's pre-activations
     * x W + b + h RW straight into the four gate arrays. x W is then an outer product, which as a
     * matrix product over all steps wrote and re-read 4n floats per row and step for one
     * multiplication each (a sixth of the forward pass when scoring). The same floats: x * w is
     * one rounded product either way, and the sums are taken in the same order.
     */
    private void preactivateScalarInput(LstmBuffers b, int t, INDArray previousOutput, INDArray rw) {
        int n = units;
        int stepUnits = batch * n;
        for (int r = 0; r < batch; r++) {
            Arrays.fill(tiledInput, r * n, (r + 1) * n, inputs[t * batch + r]);
        }
        float[][] gates = {blockInput[t], forget[t], output[t], inputGate[t]};
        boolean recurrence = previousOutput != null;
        if (recurrence) {
            Gemm.gemm(previousOutput, rw, b.recurrent, false, false, 0.0);
            read(b.recurrent, 0, recurrent, 0, batch * 4 * n);
            deinterleave(recurrent, gates[0], gates[1], gates[2], gates[3]);
        }
        for (int k = 0; k < 4; k++) {
            float[] z = gates[k];
            float[] weights = tiledWeights[k];
            float[] gateBias = tiledGateBias[k];
            if (recurrence) {
                for (int i = 0; i < stepUnits; i++) {
                    z[i] = (tiledInput[i] * weights[i] + gateBias[i]) + z[i];
                }
            } else {
                for (int i = 0; i < stepUnits; i++) {
                    z[i] = tiledInput[i] * weights[i] + gateBias[i];
                }
            }
        }
    }

    /** Gate k's n values of a [4n] row, repeated for each row of the batch, into tiled[k]. */
    private void tileByGate(float[] row, float[][] tiled) {
        int n = units;
        for (int k = 0; k < 4; k++) {
            for (int r = 0; r < batch; r++) {
                System.arraycopy(row, k * n, tiled[k], r * n, n);
            }
        }
    }

    /** Multiplies each row of a step's [b*n] values by its mask value for step t; nothing when unmasked. */
    private void mask(float[] values, int t) {
        if (keep == null) {
            return;
        }
        int n = units;
        for (int r = 0; r < batch; r++) {
            float m = keep[r * steps + t];
            for (int i = r * n; i < (r + 1) * n; i++) {
                values[i] *= m;
            }
        }
    }

    /** Copies each row's four gate blocks of n into the four per-gate arrays. */
    private void deinterleave(float[] rows, float[] a, float[] f, float[] o, float[] g) {
        int n = units;
        for (int r = 0; r < batch; r++) {
            int row = r * 4 * n;
            System.arraycopy(rows, row, a, r * n, n);
            System.arraycopy(rows, row + n, f, r * n, n);
            System.arraycopy(rows, row + 2 * n, o, r * n, n);
            System.arraycopy(rows, row + 3 * n, g, r * n, n);
        }
    }

    @Override
    public void backward(LstmBuffers b, INDArray rw, INDArray initialCellArray, INDArray mask, long firstStep) {
        int n = units;
        int first = Math.toIntExact(firstStep);
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        float[] initial = toArray(initialCellArray);
        if (gateGradientRows == null) {
            recurrentGradient = new float[stepUnits];
            cellGradientNext = new float[stepUnits];
            gateGradients = new float[4][stepUnits];
            gateGradientRows = new float[steps * stepGates];
        }
        Arrays.fill(cellGradientNext, 0f);
        if (first > 0) {
            b.steps(b.gradients().gates(), 0, first).assign(0);
        }
        float[] da = gateGradients[0];
        float[] df = gateGradients[1];
        float[] dout = gateGradients[2];
        float[] dg = gateGradients[3];
        for (int t = steps - 1; t >= first; t--) {
            read(b.gradients().outputs(), (long) t * stepUnits, stepOutput, 0, stepUnits);
            float[] later = t < steps - 1 ? recurrentGradient : zeros; // dL/dh from step t+1
            float[] previous = t > 0 ? cells[t - 1] : initial == null ? zeros : initial;
            float[] a = blockInput[t];
            float[] f = forget[t];
            float[] o = output[t];
            float[] g = inputGate[t];
            float[] hcs = cellTanh[t];
            if (keep == null) {
                // Unmasked: one loop over the batch (a mask of 1 would multiply by 1, exactly).
                for (int i = 0; i < stepUnits; i++) {
                    float dh = stepOutput[i] + later[i];
                    float hc = hcs[i];
                    float dc = dh * o[i] * (1f - hc * hc) + cellGradientNext[i];
                    da[i] = dc * g[i] * (1f - a[i] * a[i]);
                    df[i] = dc * previous[i] * f[i] * (1f - f[i]);
                    dout[i] = dh * hc * o[i] * (1f - o[i]);
                    dg[i] = dc * a[i] * g[i] * (1f - g[i]);
                    cellGradientNext[i] = dc * f[i];
                }
            } else {
                for (int r = 0; r < batch; r++) {
                    int from = r * n;
                    int to = from + n;
                    float m = keep[r * steps + t];
                    for (int i = from; i < to; i++) {
                        float dh = (stepOutput[i] + later[i]) * m;
                        float hc = hcs[i];
                        float dc = (dh * o[i] * (1f - hc * hc) + cellGradientNext[i]) * m;
                        da[i] = dc * g[i] * (1f - a[i] * a[i]);
                        df[i] = dc * previous[i] * f[i] * (1f - f[i]);
                        dout[i] = dh * hc * o[i] * (1f - o[i]);
                        dg[i] = dc * a[i] * g[i] * (1f - g[i]);
                        cellGradientNext[i] = dc * f[i];
                    }
                }
            }
            for (int r = 0; r < batch; r++) {
                int row = r * 4 * n;
                System.arraycopy(da, r * n, interleaved, row, n);
                System.arraycopy(df, r * n, interleaved, row + n, n);
                System.arraycopy(dout, r * n, interleaved, row + 2 * n, n);
                System.arraycopy(dg, r * n, interleaved, row + 3 * n, n);
            }
            write(interleaved, 0, b.gradients().gates(), (long) t * stepGates, stepGates);
            System.arraycopy(interleaved, 0, gateGradientRows, t * stepGates, stepGates);
            if (t > first) {
                Gemm.gemm(b.step(b.gradients().gates(), t), rw, b.gradients().recurrent(), false, true, 0.0);
                read(b.gradients().recurrent(), 0, recurrentGradient, 0, stepUnits);
            }
        }
    }

    @Override
    public void biasGradient(LstmBuffers b, long firstStep, INDArray target) {
        int gateCount = 4 * units;
        float[] sum = new float[gateCount];
        for (int row = Math.toIntExact(firstStep) * batch; row < steps * batch; row++) {
            int z = row * gateCount;
            for (int k = 0; k < gateCount; k++) {
                sum[k] += gateGradientRows[z + k];
            }
        }
        if (target.elementWiseStride() == 1) {
            write(sum, 0, target, 0, gateCount);
        } else {
            target.assign(Nd4j.create(sum, target.shape(), target.ordering()));
        }
    }

    @Override
    public INDArray lastCell(LstmBuffers b) {
        return Nd4j.create(cells[steps - 1].clone(), new long[] {b.batch, b.units}, 'c');
    }
}

package io.sparkforecast.model.lstm;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cell for float networks on the CPU backend: the element-wise gate math of a time step
 * runs as plain Java loops over float arrays, between the native recurrent products, instead of
 * a dozen native calls whose transcendental functions are scalar. tanh and sigmoid are within a
 * few float ulps of exact (see FastMath), and vectorised by the JIT. The cell and gradient loops
 * are not: they read the interleaved gates and the cells at different offsets, and JDK 17's JIT
 * only vectorises a loop whose arrays are all indexed alike (measured on the cell loop: 0.78 ns
 * an element as written, 0.18 ns with one array per gate indexed alike). Per-gate, per-step
 * arrays in the unit-major layout of DL4J's 'f'-ordered activations would allow it, and remove
 * TimeMajor's transposes too: the next step for this layer.
 */
final class JavaLstmCell implements LstmCell {
    // Sized for the largest minibatch seen (an epoch's last, smaller minibatch uses a prefix):
    // reallocating megabyte arrays whenever the shape alternates cost as much as the gate math.
    private int rowCapacity;    // batch * steps
    private int batchCapacity;
    private float[] gates;      // [T*b*4n]: a, f, o, g per row; after backward, dL/dz
    private float[] cells;      // [T*b*n]
    private float[] cellTanh;   // [T*b*n]
    private float[] outputs;    // [T*b*n]
    private float[] outputGradients; // [T*b*n]
    private float[] step4;      // [b*4n]: a step's recurrent product, then its gate gradients
    private float[] recurrentGradient; // [b*n]
    private float[] cellGradientNext;  // [b*n]
    private float[] zeros;      // [b*n]: the state before the first step when none is given
    private float[] keep;       // [b*T] or null
    private int batch;
    private int steps;

    /** Whether this cell can run a layer with parameters of this type on the current backend. */
    static boolean supports(DataType type) {
        return type == DataType.FLOAT && CPU;
    }

    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");

    private void size(LstmBuffers b) {
        batch = Math.toIntExact(b.batch);
        steps = Math.toIntExact(b.steps);
        int n = Math.toIntExact(b.units);
        int rows = batch * steps;
        if (rows > rowCapacity) {
            gates = new float[rows * 4 * n];
            cells = new float[rows * n];
            cellTanh = new float[rows * n];
            outputs = new float[rows * n];
            outputGradients = new float[rows * n];
            rowCapacity = rows;
        }
        if (batch > batchCapacity) {
            step4 = new float[batch * 4 * n];
            recurrentGradient = new float[batch * n];
            cellGradientNext = new float[batch * n];
            zeros = new float[batch * n];
            batchCapacity = batch;
        }
    }

    private static FloatBuffer floats(INDArray array) {
        FloatBuffer buffer = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.position(Math.toIntExact(array.offset()));
        return buffer;
    }

    private static void read(INDArray source, long from, float[] target, int to, int length) {
        FloatBuffer buffer = floats(source);
        buffer.position(buffer.position() + Math.toIntExact(from));
        buffer.get(target, to, length);
    }

    private static void write(float[] source, int from, INDArray target, long to, int length) {
        FloatBuffer buffer = floats(target);
        buffer.position(buffer.position() + Math.toIntExact(to));
        buffer.put(source, from, length);
    }

    private static float[] toArray(INDArray state) {
        return state == null ? null : state.dup('c').data().asFloat();
    }

    @Override
    public void forward(LstmBuffers b, INDArray rw, INDArray biasArray, INDArray initialOutput,
                        INDArray initialCellArray, INDArray mask) {
        size(b);
        int n = Math.toIntExact(b.units);
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        float[] initialCell = toArray(initialCellArray);
        keep = toArray(mask);
        read(b.preactivations, 0, gates, 0, steps * stepGates);
        float[] bias = toArray(biasArray);
        for (int row = 0; row < steps * stepGates; row += 4 * n) {
            for (int k = 0; k < 4 * n; k++) {
                gates[row + k] += bias[k];
            }
        }
        for (int t = 0; t < steps; t++) {
            int z = t * stepGates;
            INDArray previousOutput = t > 0 ? b.step(b.outputs, t - 1) : initialOutput;
            if (previousOutput != null) {
                Gemm.gemm(previousOutput, rw, b.recurrent, false, false, 0.0);
                read(b.recurrent, 0, step4, 0, stepGates);
                for (int i = 0; i < stepGates; i++) {
                    gates[z + i] += step4[i];
                }
            }
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                FastMath.tanh(gates, gates, row, row + n);
                FastMath.sigmoid(gates, gates, row + n, row + 4 * n);
            }
            int c = t * stepUnits;
            // The branches on the step and the given state are taken once per step, not per value.
            float[] previous = t > 0 ? cells : initialCell == null ? zeros : initialCell;
            int previousStart = t > 0 ? c - stepUnits : 0;
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                int unit = c + r * n;
                int p = previousStart + r * n;
                float m = keep == null ? 1f : keep[r * steps + t];
                for (int j = 0; j < n; j++) {
                    cells[unit + j] = (gates[row + n + j] * previous[p + j] + gates[row + 3 * n + j] * gates[row + j]) * m;
                }
            }
            FastMath.tanh(cells, cellTanh, c, c + stepUnits);
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                int unit = c + r * n;
                float m = keep == null ? 1f : keep[r * steps + t];
                for (int j = 0; j < n; j++) {
                    outputs[unit + j] = gates[row + 2 * n + j] * cellTanh[unit + j] * m;
                }
            }
            write(outputs, c, b.outputs, c, stepUnits);
        }
    }

    @Override
    public void backward(LstmBuffers b, INDArray rw, INDArray initialCellArray, INDArray mask, long firstStep) {
        int n = Math.toIntExact(b.units);
        int first = Math.toIntExact(firstStep);
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        read(b.outputGradients, 0, outputGradients, 0, steps * stepUnits);
        float[] initial = toArray(initialCellArray);
        Arrays.fill(cellGradientNext, 0, stepUnits, 0f);
        if (first > 0) {
            b.steps(b.gateGradients, 0, first).assign(0);
        }
        for (int t = steps - 1; t >= first; t--) {
            int z = t * stepGates;
            int c = t * stepUnits;
            float[] later = t < steps - 1 ? recurrentGradient : zeros; // dL/dh from step t+1
            float[] previous = t > 0 ? cells : initial == null ? zeros : initial;
            int previousStart = t > 0 ? c - stepUnits : 0;
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                int unit = c + r * n;
                int out = r * 4 * n;
                int s = r * n;
                int p = previousStart + r * n;
                float m = keep == null ? 1f : keep[r * steps + t];
                for (int j = 0; j < n; j++) {
                    float dh = (outputGradients[unit + j] + later[s + j]) * m;
                    float a = gates[row + j];
                    float f = gates[row + n + j];
                    float o = gates[row + 2 * n + j];
                    float g = gates[row + 3 * n + j];
                    float hc = cellTanh[unit + j];
                    float dc = (dh * o * (1f - hc * hc) + cellGradientNext[s + j]) * m;
                    step4[out + j] = dc * g * (1f - a * a);
                    step4[out + n + j] = dc * previous[p + j] * f * (1f - f);
                    step4[out + 2 * n + j] = dh * hc * o * (1f - o);
                    step4[out + 3 * n + j] = dc * a * g * (1f - g);
                    cellGradientNext[s + j] = dc * f;
                }
            }
            write(step4, 0, b.gateGradients, z, stepGates);
            System.arraycopy(step4, 0, gates, z, stepGates); // step t's gates are not read again
            if (t > first) {
                Gemm.gemm(b.step(b.gateGradients, t), rw, b.recurrentGradient, false, true, 0.0);
                read(b.recurrentGradient, 0, recurrentGradient, 0, stepUnits);
            }
        }
    }

    @Override
    public void biasGradient(LstmBuffers b, long firstStep, INDArray target) {
        int gateCount = Math.toIntExact(4 * b.units);
        float[] sum = new float[gateCount];
        for (int row = Math.toIntExact(firstStep) * batch; row < steps * batch; row++) {
            int z = row * gateCount;
            for (int k = 0; k < gateCount; k++) {
                sum[k] += gates[z + k];
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
        int stepUnits = batch * Math.toIntExact(b.units);
        float[] last = Arrays.copyOfRange(cells, (steps - 1) * stepUnits, steps * stepUnits);
        return Nd4j.create(last, new long[] {b.batch, b.units}, 'c');
    }
}

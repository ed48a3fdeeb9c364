package io.sparkforecast.model.lstm;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cell for float networks on the CPU backend: the element-wise gate math of a time step
 * runs as plain Java loops over float arrays (which the JIT vectorises), between the native
 * recurrent products, instead of a dozen native calls whose transcendental functions are
 * scalar. tanh and sigmoid are within a few float ulps of exact (see FastMath).
 */
final class JavaLstmCell implements LstmCell {
    private LstmBuffers sizedFor;
    private float[] gates;      // [T*b*4n]: a, f, o, g per row
    private float[] cells;      // [T*b*n]
    private float[] cellTanh;   // [T*b*n]
    private float[] outputs;    // [T*b*n]
    private float[] step4;      // [b*4n]: a step's recurrent product, then its gate gradients
    private float[] outputGradients; // [T*b*n]
    private float[] recurrentGradient; // [b*n]
    private float[] cellGradientNext;  // [b*n]
    private float[] keep;              // [b*T] or null

    /** Whether this cell can run a layer with parameters of this type on the current backend. */
    static boolean supports(DataType type) {
        return type == DataType.FLOAT && Nd4j.getBackend().getClass().getName().contains("Cpu");
    }

    private void size(LstmBuffers b) {
        if (sizedFor != b) {
            int rows = Math.toIntExact(b.batch * b.steps);
            int n = Math.toIntExact(b.units);
            gates = new float[rows * 4 * n];
            cells = new float[rows * n];
            cellTanh = new float[rows * n];
            outputs = new float[rows * n];
            outputGradients = new float[rows * n];
            step4 = new float[Math.toIntExact(b.batch) * 4 * n];
            recurrentGradient = new float[Math.toIntExact(b.batch) * n];
            cellGradientNext = new float[Math.toIntExact(b.batch) * n];
            sizedFor = b;
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
    public void forward(LstmBuffers b, INDArray rw, INDArray initialOutput, INDArray initialCellArray,
                        INDArray mask) {
        size(b);
        int batch = Math.toIntExact(b.batch);
        int steps = Math.toIntExact(b.steps);
        int n = Math.toIntExact(b.units);
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        float[] initialCell = toArray(initialCellArray);
        keep = toArray(mask);
        read(b.preactivations, 0, gates, 0, steps * stepGates);
        for (int t = 0; t < steps; t++) {
            int z = t * stepGates;
            INDArray previousOutput = t > 0 ? b.step(b.outputs, t - 1) : initialOutput;
            if (previousOutput != null) {
                Nd4j.gemm(previousOutput, rw, b.recurrent, false, false, 1.0, 0.0);
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
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                int unit = c + r * n;
                float m = keep == null ? 1f : keep[r * steps + t];
                for (int j = 0; j < n; j++) {
                    float previous = t > 0 ? cells[unit + j - stepUnits]
                            : initialCell == null ? 0f : initialCell[r * n + j];
                    cells[unit + j] = (gates[row + n + j] * previous + gates[row + 3 * n + j] * gates[row + j]) * m;
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
        int batch = Math.toIntExact(b.batch);
        int steps = Math.toIntExact(b.steps);
        int n = Math.toIntExact(b.units);
        int first = Math.toIntExact(firstStep);
        int stepGates = batch * 4 * n;
        int stepUnits = batch * n;
        read(b.outputGradients, 0, outputGradients, 0, steps * stepUnits);
        float[] initial = toArray(initialCellArray);
        Arrays.fill(cellGradientNext, 0f);
        if (first > 0) {
            b.steps(b.gateGradients, 0, first).assign(0);
        }
        for (int t = steps - 1; t >= first; t--) {
            int z = t * stepGates;
            int c = t * stepUnits;
            for (int r = 0; r < batch; r++) {
                int row = z + r * 4 * n;
                int unit = c + r * n;
                int out = r * 4 * n;
                float m = keep == null ? 1f : keep[r * steps + t];
                for (int j = 0; j < n; j++) {
                    float dh = (outputGradients[unit + j] + (t < steps - 1 ? recurrentGradient[r * n + j] : 0f)) * m;
                    float a = gates[row + j];
                    float f = gates[row + n + j];
                    float o = gates[row + 2 * n + j];
                    float g = gates[row + 3 * n + j];
                    float hc = cellTanh[unit + j];
                    float previous = t > 0 ? cells[unit + j - stepUnits]
                            : initial == null ? 0f : initial[r * n + j];
                    float dc = (dh * o * (1f - hc * hc) + cellGradientNext[r * n + j]) * m;
                    step4[out + j] = dc * g * (1f - a * a);
                    step4[out + n + j] = dc * previous * f * (1f - f);
                    step4[out + 2 * n + j] = dh * hc * o * (1f - o);
                    step4[out + 3 * n + j] = dc * a * g * (1f - g);
                    cellGradientNext[r * n + j] = dc * f;
                }
            }
            write(step4, 0, b.gateGradients, z, stepGates);
            if (t > first) {
                Nd4j.gemm(b.step(b.gateGradients, t), rw, b.recurrentGradient, false, true, 1.0, 0.0);
                read(b.recurrentGradient, 0, recurrentGradient, 0, stepUnits);
            }
        }
    }

    @Override
    public INDArray lastCell(LstmBuffers b) {
        int stepUnits = Math.toIntExact(b.batch * b.units);
        float[] last = Arrays.copyOfRange(cells, cells.length - stepUnits, cells.length);
        return Nd4j.create(last, new long[] {b.batch, b.units}, 'c');
    }
}

package io.sparkforecast.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The cell as ND4J operations, for any data type and backend (GPUs included): a few
 * element-wise native calls per time step on the gate blocks.
 */
final class OpsLstmCell implements LstmCell {
    private LstmBuffers sizedFor;
    private INDArray gates;        // [T*b, 4n]: a, f, o, g after their activations
    private INDArray cells;        // [T*b, n]
    private INDArray cellTanh;     // [T*b, n]
    private INDArray sigmoidInputs; // [b, 3n]: upstream gradients of f, o, g
    private INDArray cellGradient;  // [b, n]
    private INDArray cellGradientNext; // [b, n]
    private INDArray scratch;       // [b, n]

    private void size(LstmBuffers b) {
        if (sizedFor != b) {
            long rows = b.batch * b.steps;
            long n = b.units;
            gates = b.preactivations.ulike();
            cells = Nd4j.create(b.outputs.dataType(), new long[] {rows, n}, 'c');
            cellTanh = cells.ulike();
            sigmoidInputs = Nd4j.create(b.outputs.dataType(), new long[] {b.batch, 3 * n}, 'c');
            cellGradient = Nd4j.create(b.outputs.dataType(), new long[] {b.batch, n}, 'c');
            cellGradientNext = cellGradient.ulike();
            scratch = cellGradient.ulike();
            sizedFor = b;
        }
    }

    private static INDArray columns(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    @Override
    public void forward(LstmBuffers b, INDArray w, INDArray rw, INDArray bias, INDArray initialOutput,
                        INDArray initialCell, INDArray mask) {
        size(b);
        Gemm.gemm(b.input, w, b.preactivations, false, false, 0.0);
        b.preactivations.addiRowVector(bias);
        long n = b.units;
        INDArray previousOutput = initialOutput;
        INDArray previousCell = initialCell;
        for (long t = 0; t < b.steps; t++) {
            INDArray z = b.step(b.preactivations, t);
            if (previousOutput != null) {
                Nd4j.gemm(previousOutput, rw, z, false, false, 1.0, 1.0);
            }
            INDArray gate = b.step(gates, t);
            Nd4j.exec(new Tanh(columns(z, 0, n), columns(gate, 0, n)));
            Nd4j.exec(new Sigmoid(columns(z, n, 4 * n), columns(gate, n, 4 * n)));
            INDArray cell = b.step(cells, t);
            Nd4j.exec(new MulOp(columns(gate, 3 * n, 4 * n), columns(gate, 0, n), cell));
            if (previousCell != null) {
                Nd4j.exec(new MulOp(columns(gate, n, 2 * n), previousCell, scratch));
                cell.addi(scratch);
            }
            INDArray keep = mask == null ? null : mask.getColumn(t, true);
            if (keep != null) {
                cell.muliColumnVector(keep);
            }
            INDArray output = b.step(b.outputs, t);
            Nd4j.exec(new Tanh(cell, b.step(cellTanh, t)));
            Nd4j.exec(new MulOp(columns(gate, 2 * n, 3 * n), b.step(cellTanh, t), output));
            if (keep != null) {
                output.muliColumnVector(keep);
            }
            previousOutput = output;
            previousCell = cell;
        }
    }

    @Override
    public void backward(LstmBuffers b, INDArray rw, INDArray initialCell, INDArray mask, long first) {
        long n = b.units;
        b.gradients().gates().assign(0);
        cellGradientNext.assign(0);
        for (long t = b.steps - 1; t >= first; t--) {
            INDArray gate = b.step(gates, t);
            INDArray z = b.step(b.preactivations, t);
            INDArray dz = b.step(b.gradients().gates(), t);
            INDArray dh = b.step(b.gradients().outputs(), t);
            INDArray keep = mask == null ? null : mask.getColumn(t, true);
            if (keep != null) {
                dh.muliColumnVector(keep);
            }
            // dL/dc = dh * o * tanh'(c) + dL/dc from step t+1
            Nd4j.exec(new MulOp(dh, columns(gate, 2 * n, 3 * n), scratch));
            Nd4j.exec(new TanhDerivative(b.step(cells, t), scratch, cellGradient));
            cellGradient.addi(cellGradientNext);
            if (keep != null) {
                cellGradient.muliColumnVector(keep);
            }
            // Upstream gradients of the sigmoid gates f, o, g, then their pre-activation gradients.
            INDArray previousCell = t > 0 ? b.step(cells, t - 1) : initialCell;
            if (previousCell != null) {
                Nd4j.exec(new MulOp(cellGradient, previousCell, columns(sigmoidInputs, 0, n)));
            } else {
                columns(sigmoidInputs, 0, n).assign(0);
            }
            Nd4j.exec(new MulOp(dh, b.step(cellTanh, t), columns(sigmoidInputs, n, 2 * n)));
            Nd4j.exec(new MulOp(cellGradient, columns(gate, 0, n), columns(sigmoidInputs, 2 * n, 3 * n)));
            Nd4j.exec(new SigmoidDerivative(columns(z, n, 4 * n), sigmoidInputs, columns(dz, n, 4 * n)));
            // Block input: dL/da = dc * g, through tanh.
            Nd4j.exec(new MulOp(cellGradient, columns(gate, 3 * n, 4 * n), scratch));
            Nd4j.exec(new TanhDerivative(columns(z, 0, n), scratch, columns(dz, 0, n)));
            // dL/dc_{t-1} = dc * f; dL/dh_{t-1} += dz RW^T.
            Nd4j.exec(new MulOp(cellGradient, columns(gate, n, 2 * n), cellGradientNext));
            if (t > first) {
                Nd4j.gemm(dz, rw, b.step(b.gradients().outputs(), t - 1), false, true, 1.0, 1.0);
            }
        }
    }

    @Override
    public void biasGradient(LstmBuffers b, long first, INDArray target) {
        target.assign(b.steps(b.gradients().gates(), first, b.steps).sum(0));
    }

    @Override
    public INDArray lastCell(LstmBuffers b) {
        return b.step(cells, b.steps - 1).dup();
    }
}

package io.sparkforecast.model.lstm;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Native buffers of one minibatch shape, time-major (row block t is time step t), reused from
 * one minibatch to the next: the operands and results of the layer's matrix products. The
 * gradients' buffers are made on the first backward pass: inference never needs them.
 */
final class LstmBuffers {
    final long batch;
    final long steps;
    final long units;
    final long inputs;              // nIn
    final INDArray input;           // [T*b, nIn]
    final INDArray preactivations;  // [T*b, 4n]: x W, when the cell computes it for all steps at once
    final INDArray outputs;         // [T*b, n]: h
    final INDArray recurrent;       // [b, 4n]: h_{t-1} RW
    private Gradients gradients;

    /**
     * @param outputs   [T*b, n]: dL/dh
     * @param gates     [T*b, 4n]: dL/dz
     * @param inputs    [T*b, nIn]: dL/dx
     * @param recurrent [b, n]: dz_t RW^T
     */
    record Gradients(INDArray outputs, INDArray gates, INDArray inputs, INDArray recurrent) {
    }

    LstmBuffers(DataType type, long batch, long steps, long nIn, long units) {
        this.batch = batch;
        this.steps = steps;
        this.units = units;
        this.inputs = nIn;
        long rows = batch * steps;
        input = Nd4j.create(type, new long[] {rows, nIn}, 'c');
        preactivations = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
        outputs = Nd4j.create(type, new long[] {rows, units}, 'c');
        recurrent = Nd4j.create(type, new long[] {batch, 4 * units}, 'c');
    }

    /** The backward pass's buffers, made by its first call. */
    Gradients gradients() {
        if (gradients == null) {
            long rows = batch * steps;
            DataType type = input.dataType();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                gradients = new Gradients(Nd4j.create(type, new long[] {rows, units}, 'c'),
                        Nd4j.create(type, new long[] {rows, 4 * units}, 'c'),
                        Nd4j.create(type, new long[] {rows, inputs}, 'c'),
                        Nd4j.create(type, new long[] {batch, units}, 'c'));
            }
        }
        return gradients;
    }

    boolean fits(DataType type, long batch, long steps) {
        return this.batch == batch && this.steps == steps && input.dataType() == type;
    }

    // Each array's step views, made once: a view is a Java object and a native shape buffer, and
    // making two per time step cost 3% of a training step (profile).
    private final Map<INDArray, INDArray[]> stepViews = new IdentityHashMap<>();

    /** Row block of time step t. */
    INDArray step(INDArray timeMajor, long t) {
        INDArray[] views = stepViews.computeIfAbsent(timeMajor, array -> new INDArray[Math.toIntExact(steps)]);
        int index = Math.toIntExact(t);
        if (views[index] == null) {
            views[index] = steps(timeMajor, t, t + 1);
        }
        return views[index];
    }

    /** Row blocks of time steps [from, to). */
    INDArray steps(INDArray timeMajor, long from, long to) {
        return timeMajor.get(NDArrayIndex.interval(from * batch, to * batch), NDArrayIndex.all());
    }
}

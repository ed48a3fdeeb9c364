package io.sparkforecast.model.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Native buffers of one minibatch shape, time-major (row block t is time step t), reused from
 * one minibatch to the next: the operands and results of the layer's matrix products.
 */
final class LstmBuffers {
    final long batch;
    final long steps;
    final long units;
    final INDArray input;           // [T*b, nIn]
    final INDArray preactivations;  // [T*b, 4n]: x W + b, the recurrent part added per step
    final INDArray outputs;         // [T*b, n]: h
    final INDArray outputGradients; // [T*b, n]: dL/dh
    final INDArray gateGradients;   // [T*b, 4n]: dL/dz
    final INDArray recurrent;       // [b, 4n]: h_{t-1} RW
    final INDArray recurrentGradient; // [b, n]: dz_t RW^T

    LstmBuffers(DataType type, long batch, long steps, long nIn, long units) {
        this.batch = batch;
        this.steps = steps;
        this.units = units;
        long rows = batch * steps;
        input = Nd4j.create(type, new long[] {rows, nIn}, 'c');
        preactivations = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
        outputs = Nd4j.create(type, new long[] {rows, units}, 'c');
        outputGradients = Nd4j.create(type, new long[] {rows, units}, 'c');
        gateGradients = Nd4j.create(type, new long[] {rows, 4 * units}, 'c');
        recurrent = Nd4j.create(type, new long[] {batch, 4 * units}, 'c');
        recurrentGradient = Nd4j.create(type, new long[] {batch, units}, 'c');
    }

    boolean fits(DataType type, long batch, long steps) {
        return this.batch == batch && this.steps == steps && input.dataType() == type;
    }

    /** Row block of time step t. */
    INDArray step(INDArray timeMajor, long t) {
        return steps(timeMajor, t, t + 1);
    }

    /** Row blocks of time steps [from, to). */
    INDArray steps(INDArray timeMajor, long from, long to) {
        return timeMajor.get(NDArrayIndex.interval(from * batch, to * batch), NDArrayIndex.all());
    }
}

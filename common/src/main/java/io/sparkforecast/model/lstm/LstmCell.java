package io.sparkforecast.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-time-step part of the LSTM: the input projection and the recurrence, and the
 * element-wise gate math, over {@link LstmBuffers}. The layer does the gradient products over
 * all time steps around it.
 */
interface LstmCell {
    /**
     * From buffers.input (every step's x), the weights and the bias computes every step's gates,
     * cell and output (into buffers.outputs), starting from the given state (null = zeros).
     *
     * @param mask [batch, steps] of 1 (step present) and 0, or null
     */
    void forward(LstmBuffers buffers, INDArray inputWeights, INDArray recurrentWeights, INDArray bias,
                 INDArray initialOutput, INDArray initialCell, INDArray mask);

    /**
     * From buffers.outputGradients (dL/dh of each step's output) computes dL/dz of steps
     * [first, steps) into buffers.gateGradients, through the recurrence; earlier steps get 0.
     */
    void backward(LstmBuffers buffers, INDArray recurrentWeights, INDArray initialCell, INDArray mask, long first);

    /** Writes the sum over rows of dL/dz of steps [first, steps), the bias gradient, into target. */
    void biasGradient(LstmBuffers buffers, long first, INDArray target);

    /** The cell state after the last step of the last forward pass, [batch, units]. */
    INDArray lastCell(LstmBuffers buffers);
}

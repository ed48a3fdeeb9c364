package io.sparkforecast.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between the layer's time-major buffers ([T*b, n], c order: row block t is time step t)
 * and DL4J's recurrent arrays [b, n, T]. Outward, the time-major values are handed on as they
 * lie, in a permuted view. Inward, from DL4J's standard orders, the copy of whole float arrays
 * on the CPU is one bulk read, a transpose of each step's block in Java arrays and one bulk
 * write: ND4J's assign of a permuted view sends every element through its generic strided
 * loop, which cost the forward pass half as much as the whole recurrence (measured while
 * scoring). Views and other types take ND4J's assign. The Java arrays are kept from call to
 * call: freshly allocated, the zeroing of these megabyte arrays (page faults included) cost
 * three times the transposes themselves (profile of a training step). One instance per layer;
 * not thread-safe.
 */
final class TimeMajor {
    private float[] from = new float[0];
    private float[] to = new float[0];

    /**
     * The time-major values as DL4J's [b, n, T]: copied into {@code target} ([T, b, n], c order,
     * e.g. a workspace array) as they are, and returned as its view with dimensions permuted. A
     * layer's output taken whole this way costs one bulk copy instead of a transpose of every
     * step, and a FastLstm layer above reads it back with one bulk copy too (see
     * fromBatchUnitsSteps); DL4J's layers read any strides (the last-step wrapper takes one
     * contiguous step of it).
     */
    INDArray batchUnitsStepsView(INDArray timeMajor, INDArray target) {
        if (javaCopies(timeMajor, target)) {
            FloatBuffers.of(target).put(FloatBuffers.of(timeMajor).limit(Math.toIntExact(timeMajor.length())));
        } else {
            target.reshape('c', timeMajor.size(0), timeMajor.size(1)).assign(timeMajor);
        }
        return target.permute(1, 2, 0);
    }

    /** timeMajor[t * b + r, j] = source[r, j, t]. */
    void fromBatchUnitsSteps(INDArray source, INDArray timeMajor) {
        int batch = Math.toIntExact(source.size(0));
        int n = Math.toIntExact(source.size(1));
        int steps = Math.toIntExact(source.size(2));
        if (isTimeMajorView(source) && JavaLstmCell.supports(source.dataType()) && whole(timeMajor)
                && timeMajor.dataType() == source.dataType()) {
            int length = Math.toIntExact(source.length());
            FloatBuffers.of(timeMajor).put(FloatBuffers.of(source).limit(Math.toIntExact(source.offset()) + length));
        } else if (!javaCopies(timeMajor, source)) {
            timeMajor.reshape('c', steps, batch, n).assign(source.permute(2, 0, 1));
        } else if (source.ordering() == 'f') {
            copyTransposed(source, timeMajor, steps, n, batch);
        } else {
            copyTransposed(source, timeMajor, 1, batch * n, steps);
        }
    }

    /** Writes into target each of source's {@code blocks} consecutive [rows][cols] blocks transposed. */
    private void copyTransposed(INDArray source, INDArray target, int blocks, int rows, int cols) {
        int length = blocks * rows * cols;
        if (from.length < length) {
            from = new float[length];
            to = new float[length];
        }
        FloatBuffers.of(source).get(from, 0, length);
        for (int block = 0; block < length; block += rows * cols) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    to[block + c * rows + r] = from[block + r * cols + c];
                }
            }
        }
        FloatBuffers.of(target).put(to, 0, length);
    }

    /** A [b, n, T] array whose values lie in memory as [T][b][n] from its offset on (see batchUnitsStepsView). */
    private static boolean isTimeMajorView(INDArray array) {
        return array.rank() == 3 && array.stride(1) == 1 && array.stride(0) == array.size(1)
                && array.stride(2) == array.size(0) * array.size(1);
    }

    /** Both whole float arrays (no view, default strides) on the CPU. */
    private static boolean javaCopies(INDArray timeMajor, INDArray other) {
        return JavaLstmCell.supports(timeMajor.dataType()) && other.dataType() == timeMajor.dataType()
                && whole(timeMajor) && timeMajor.ordering() == 'c' && whole(other);
    }

    private static boolean whole(INDArray array) {
        return !array.isView() && array.offset() == 0 && array.length() == array.data().length()
                && array.elementWiseStride() == 1;
    }
}

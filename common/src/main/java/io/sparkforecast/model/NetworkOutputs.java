package io.sparkforecast.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads a network's [batch, outputs] array back into Java arrays. */
public final class NetworkOutputs {
    private NetworkOutputs() {
    }

    /**
     * One float array per example, copied out in one pass: reading row by row (getRow, then
     * toFloatVector) builds views and shape buffers per row, which cost scoring more than the
     * network itself.
     */
    public static float[][] rows(INDArray outputs) {
        if (outputs.rank() != 2) {
            throw new IllegalArgumentException("expected [batch, outputs], got shape "
                    + Arrays.toString(outputs.shape()));
        }
        int count = Math.toIntExact(outputs.size(0));
        int width = Math.toIntExact(outputs.size(1));
        float[] flat = outputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] rows = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }
}

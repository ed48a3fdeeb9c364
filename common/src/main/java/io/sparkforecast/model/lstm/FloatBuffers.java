package io.sparkforecast.model.lstm;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Java's view of a float array's native CPU buffer. */
final class FloatBuffers {
    private FloatBuffers() {
    }

    /** The array's buffer, positioned at its first element (its offset into the buffer). */
    static FloatBuffer of(INDArray array) {
        FloatBuffer buffer = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.position(Math.toIntExact(array.offset()));
        return buffer;
    }
}

package io.sparkforecast.model.lstm;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between the layer's time-major buffers ([T*b, n], c order: row block t is time step t)
 * and DL4J's recurrent arrays [b, n, T]. For whole float arrays on the CPU the copy is one bulk
 * read, a transpose of each step's block in Java arrays and one bulk write: ND4J's assign of a
 * permuted view sends every element through its generic strided loop, which cost the forward
 * pass half as much as the whole recurrence (measured while scoring). Views and other types
 * take ND4J's assign.
 */
final class TimeMajor {
    private TimeMajor() {
    }

    /** target[r, j, t] = timeMajor[t * b + r, j]. */
    static void toBatchUnitsSteps(INDArray timeMajor, INDArray target) {
        int batch = Math.toIntExact(target.size(0));
        int n = Math.toIntExact(target.size(1));
        int steps = Math.toIntExact(target.size(2));
        if (!javaCopies(timeMajor, target)) {
            target.assign(timeMajor.reshape('c', steps, batch, n).permute(1, 2, 0));
            return;
        }
        float[] from = new float[batch * n * steps];
        floats(timeMajor).get(from);
        float[] to = new float[from.length];
        if (target.ordering() == 'f') { // index r + b (j + n t)
            for (int t = 0; t < steps; t++) {
                int block = t * batch * n;
                for (int j = 0; j < n; j++) {
                    for (int r = 0; r < batch; r++) {
                        to[block + j * batch + r] = from[block + r * n + j];
                    }
                }
            }
        } else { // index (r n + j) T + t
            for (int t = 0; t < steps; t++) {
                int block = t * batch * n;
                for (int rj = 0; rj < batch * n; rj++) {
                    to[rj * steps + t] = from[block + rj];
                }
            }
        }
        floats(target).put(to);
    }

    /** timeMajor[t * b + r, j] = source[r, j, t]. */
    static void fromBatchUnitsSteps(INDArray source, INDArray timeMajor) {
        int batch = Math.toIntExact(source.size(0));
        int n = Math.toIntExact(source.size(1));
        int steps = Math.toIntExact(source.size(2));
        if (!javaCopies(timeMajor, source)) {
            timeMajor.reshape('c', steps, batch, n).assign(source.permute(2, 0, 1));
            return;
        }
        float[] from = new float[batch * n * steps];
        floats(source).get(from);
        float[] to = new float[from.length];
        if (source.ordering() == 'f') {
            for (int t = 0; t < steps; t++) {
                int block = t * batch * n;
                for (int r = 0; r < batch; r++) {
                    for (int j = 0; j < n; j++) {
                        to[block + r * n + j] = from[block + j * batch + r];
                    }
                }
            }
        } else {
            for (int t = 0; t < steps; t++) {
                int block = t * batch * n;
                for (int rj = 0; rj < batch * n; rj++) {
                    to[block + rj] = from[rj * steps + t];
                }
            }
        }
        floats(timeMajor).put(to);
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

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}

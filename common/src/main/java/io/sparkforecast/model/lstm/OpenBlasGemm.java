package io.sparkforecast.model.lstm;

import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * C = op(A) op(B) + beta C for float matrices in ND4J's CPU buffers, by the cblas_sgemm of the
 * OpenBLAS that ND4J's CPU backend itself calls, on the buffers directly: ND4J's gemm builds an
 * op, its shape buffers and an op context for every call, which at a time step's sizes cost
 * about 40% on top of the product (profile of a training step). Only for the CPU backend (see
 * {@link JavaLstmCell#supports}); this class is not loaded on others.
 */
final class OpenBlasGemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANSPOSE = 111;
    private static final int TRANSPOSE = 112;

    private OpenBlasGemm() {
    }

    /**
     * C = op(A) op(B) + beta C if all three are float matrices cblas can take as they are. A
     * column-major C (DL4J's weight gradients) is computed as its transpose, op(B)' op(A)'.
     *
     * @return false, with C untouched, where they are not
     */
    static boolean gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, float beta) {
        Matrix left = Matrix.of(a);
        Matrix right = Matrix.of(b);
        Matrix result = Matrix.of(c);
        if (left == null || right == null || result == null) {
            return false;
        }
        int m = Math.toIntExact(transposeA ? a.size(1) : a.size(0));
        int k = Math.toIntExact(transposeA ? a.size(0) : a.size(1));
        int n = Math.toIntExact(transposeB ? b.size(0) : b.size(1));
        if (result.transposed) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, flag(!transposeB, right), flag(!transposeA, left), n, m, k, 1f,
                    right.buffer, right.leadingDimension, left.buffer, left.leadingDimension, beta,
                    result.buffer, result.leadingDimension);
        } else {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, flag(transposeA, left), flag(transposeB, right), m, n, k, 1f,
                    left.buffer, left.leadingDimension, right.buffer, right.leadingDimension, beta,
                    result.buffer, result.leadingDimension);
        }
        return true;
    }

    /** cblas's transpose flag for op(X) of a matrix stored as given. */
    private static int flag(boolean transpose, Matrix stored) {
        return transpose != stored.transposed ? TRANSPOSE : NO_TRANSPOSE;
    }

    /**
     * A 2-D float array as cblas sees it: its buffer from its first element, and either rows of
     * consecutive elements (row-major) or, for a column-major array, the rows of its transpose.
     */
    private record Matrix(FloatBuffer buffer, int leadingDimension, boolean transposed) {
        static Matrix of(INDArray array) {
            if (array.rank() != 2 || array.dataType() != DataType.FLOAT) {
                return null;
            }
            long rows = array.size(0);
            long columns = array.size(1);
            long rowStride = array.stride(0);
            long columnStride = array.stride(1);
            boolean transposed;
            long leading;
            if (columnStride == 1 || columns == 1) {
                transposed = false;
                leading = rows == 1 ? columns : rowStride;
                if (leading < columns) {
                    return null;
                }
            } else if (rowStride == 1 || rows == 1) {
                transposed = true;
                leading = columns == 1 ? rows : columnStride;
                if (leading < rows) {
                    return null;
                }
            } else {
                return null;
            }
            return new Matrix(FloatBuffers.of(array), Math.toIntExact(Math.max(1, leading)), transposed);
        }
    }
}

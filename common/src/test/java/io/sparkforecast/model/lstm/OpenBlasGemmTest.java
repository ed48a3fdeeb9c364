package io.sparkforecast.model.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OpenBlasGemmTest {
    private static final int M = 5;
    private static final int K = 4;
    private static final int N = 3;

    /** The operand of op(X) = [rows, cols] stored as given: c or f order, or a row block of a wider c-order matrix. */
    private static INDArray operand(int rows, int cols, boolean transpose, char layout) {
        long r = transpose ? cols : rows;
        long c = transpose ? rows : cols;
        if (layout == 'v') {
            return Nd4j.rand(DataType.FLOAT, r + 3, c).get(interval(2, r + 2), all());
        }
        return Nd4j.rand(DataType.FLOAT, r, c).dup(layout);
    }

    @Test
    void equalsNd4jsGemmBitForBitForEveryLayoutAndTranspose() {
        for (char layoutA : new char[] {'c', 'f', 'v'}) {
            for (char layoutB : new char[] {'c', 'f', 'v'}) {
                for (char layoutC : new char[] {'c', 'f', 'v'}) {
                    for (int flags = 0; flags < 8; flags++) {
                        boolean ta = (flags & 1) != 0;
                        boolean tb = (flags & 2) != 0;
                        double beta = (flags & 4) != 0 ? 1.0 : 0.0;
                        INDArray a = operand(M, K, ta, layoutA);
                        INDArray b = operand(K, N, tb, layoutB);
                        INDArray c = operand(M, N, false, layoutC);
                        INDArray expected = c.dup();
                        Nd4j.gemm(a, b, expected, ta, tb, 1.0, beta);
                        String what = layoutA + "" + layoutB + layoutC + " ta=" + ta + " tb=" + tb + " beta=" + beta;
                        assertTrue(OpenBlasGemm.gemm(a, b, c, ta, tb, (float) beta), what);
                        assertArrayEquals(expected.dup('c').data().asFloat(), c.dup('c').data().asFloat(), what);
                    }
                }
            }
        }
    }

    @Test
    void vectorsAndTheWeightViewsOfAParameterLine() {
        // DL4J's parameters: f-ordered weight matrices reshaped from intervals of one flat line.
        INDArray line = Nd4j.rand(DataType.FLOAT, 1, 2 * 8 + 1 * 8);
        INDArray weights = line.get(interval(0, 0, true), interval(0, 16)).reshape('f', 2, 8);
        INDArray row = line.get(interval(0, 0, true), interval(16, 24)).reshape('f', 1, 8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2);
        INDArray ones = Nd4j.rand(DataType.FLOAT, 6, 1);
        for (INDArray w : new INDArray[] {weights, row}) {
            INDArray left = w == weights ? x : ones;
            INDArray result = Nd4j.create(DataType.FLOAT, 6, 8);
            assertTrue(OpenBlasGemm.gemm(left, w, result, false, false, 0f));
            assertArrayEquals(left.mmul(w).dup('c').data().asFloat(), result.data().asFloat());
        }
    }

    @Test
    void declinesWhatCblasCannotTake() {
        INDArray strided = Nd4j.rand(DataType.FLOAT, 6, 8).get(interval(0, 2, 6), interval(0, 2, 8));
        INDArray square = Nd4j.rand(DataType.FLOAT, 3, 3);
        INDArray target = Nd4j.zeros(DataType.FLOAT, 3, 3);
        assertFalse(OpenBlasGemm.gemm(strided, square, target, false, false, 0f));
        assertFalse(OpenBlasGemm.gemm(square.castTo(DataType.DOUBLE), square, target, false, false, 0f));
        assertEquals(Nd4j.zeros(DataType.FLOAT, 3, 3), target);
    }
}

package io.sparkforecast.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layer's matrix products C = op(A) op(B) + beta C: OpenBLAS directly on the CPU, ND4J's gemm elsewhere. */
final class Gemm {
    private Gemm() {
    }

    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        // The CPU check first: OpenBlasGemm's class is only loaded where its library is.
        if (!JavaLstmCell.supports(c.dataType()) || !OpenBlasGemm.gemm(a, b, c, transposeA, transposeB, (float) beta)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
        }
    }
}

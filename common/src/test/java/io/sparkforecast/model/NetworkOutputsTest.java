package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkOutputsTest {
    @Test
    void rowsEqualTheArraysRowByRow() {
        INDArray outputs = Nd4j.rand(DataType.FLOAT, 5, 3);
        float[][] rows = NetworkOutputs.rows(outputs);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(outputs.getRow(i).toFloatVector(), rows[i]);
        }
    }

    @Test
    void aViewOfTheLastTimeStepIsReadAsItsOwnValues() {
        // [batch, outputs, time]: the last step is a strided view into the whole array
        INDArray sequence = Nd4j.rand(DataType.FLOAT, 4, 2, 6);
        INDArray last = sequence.get(all(), all(), point(5));
        float[][] rows = NetworkOutputs.rows(last);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new float[] {sequence.getFloat(i, 0, 5), sequence.getFloat(i, 1, 5)}, rows[i]);
        }
        float[][] doubles = NetworkOutputs.rows(Nd4j.rand(DataType.DOUBLE, 2, 2).muli(0).addi(0.5));
        assertArrayEquals(new float[] {0.5f, 0.5f}, doubles[1]);
    }

    @Test
    void anythingButARankTwoArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetworkOutputs.rows(Nd4j.rand(DataType.FLOAT, 2, 2, 2)));
    }
}

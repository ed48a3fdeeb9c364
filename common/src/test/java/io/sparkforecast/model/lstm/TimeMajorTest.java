package io.sparkforecast.model.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TimeMajorTest {
    private static final int BATCH = 3;
    private static final int UNITS = 4;
    private static final int STEPS = 5;

    @Test
    void copiesEqualNd4jsPermutedAssignForEveryLayout() {
        TimeMajor copies = new TimeMajor(); // one instance throughout, as a layer reuses its arrays
        INDArray timeMajor = Nd4j.rand(DataType.FLOAT, STEPS * BATCH, UNITS);
        INDArray expected = timeMajor.reshape('c', STEPS, BATCH, UNITS).permute(1, 2, 0).dup('c');
        for (INDArray target : targets()) {
            copies.toBatchUnitsSteps(timeMajor, target);
            assertEquals(expected, target);

            INDArray back = Nd4j.create(DataType.FLOAT, new long[] {STEPS * BATCH, UNITS}, 'c');
            copies.fromBatchUnitsSteps(target, back);
            assertEquals(timeMajor, back);
        }
        // A smaller shape after larger ones: only its own length of the kept arrays is used.
        INDArray small = Nd4j.rand(DataType.FLOAT, 2 * BATCH, UNITS);
        INDArray smallTarget = Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, 2}, 'f');
        copies.toBatchUnitsSteps(small, smallTarget);
        assertEquals(small.reshape('c', 2, BATCH, UNITS).permute(1, 2, 0).dup('c'), smallTarget);
    }

    @Test
    void viewsOfTheTimeMajorValuesReadAsBatchUnitsStepsAndBackForEveryType() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            TimeMajor copies = new TimeMajor();
            INDArray timeMajor = Nd4j.rand(type, STEPS * BATCH, UNITS);
            INDArray view = copies.batchUnitsStepsView(timeMajor,
                    Nd4j.create(type, new long[] {STEPS, BATCH, UNITS}, 'c'));
            assertEquals(timeMajor.reshape('c', STEPS, BATCH, UNITS).permute(1, 2, 0).dup('c'), view.dup('c'));

            INDArray back = Nd4j.create(type, new long[] {STEPS * BATCH, UNITS}, 'c');
            copies.fromBatchUnitsSteps(view, back);
            assertEquals(timeMajor, back);
        }
    }

    @Test
    void doublesTakeNd4jsAssign() {
        INDArray timeMajor = Nd4j.rand(DataType.DOUBLE, STEPS * BATCH, UNITS);
        INDArray target = Nd4j.create(DataType.DOUBLE, new long[] {BATCH, UNITS, STEPS}, 'f');
        new TimeMajor().toBatchUnitsSteps(timeMajor, target);
        assertEquals(timeMajor.reshape('c', STEPS, BATCH, UNITS).permute(1, 2, 0).dup('c'), target);
    }

    /** f and c order, and a view into a wider array (offset and strides of its parent). */
    private static INDArray[] targets() {
        INDArray wide = Nd4j.create(DataType.FLOAT, new long[] {BATCH + 1, UNITS + 2, STEPS + 3}, 'c');
        return new INDArray[] {
            Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, STEPS}, 'f'),
            Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, STEPS}, 'c'),
            wide.get(interval(1, BATCH + 1), interval(1, UNITS + 1), interval(2, STEPS + 2)),
        };
    }
}

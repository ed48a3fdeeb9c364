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
    void copiesFromEveryLayoutEqualNd4jsPermutedAssign() {
        TimeMajor copies = new TimeMajor(); // one instance throughout, as a layer reuses its arrays
        INDArray timeMajor = Nd4j.rand(DataType.FLOAT, STEPS * BATCH, UNITS);
        for (INDArray source : sources()) {
            source.assign(batchUnitsSteps(timeMajor, STEPS));
            INDArray back = Nd4j.create(DataType.FLOAT, new long[] {STEPS * BATCH, UNITS}, 'c');
            copies.fromBatchUnitsSteps(source, back);
            assertEquals(timeMajor, back);
        }
        // A smaller shape after larger ones: only its own length of the kept arrays is used.
        INDArray small = Nd4j.rand(DataType.FLOAT, 2 * BATCH, UNITS);
        INDArray smallSource = Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, 2}, 'f');
        smallSource.assign(batchUnitsSteps(small, 2));
        INDArray back = Nd4j.create(DataType.FLOAT, new long[] {2 * BATCH, UNITS}, 'c');
        copies.fromBatchUnitsSteps(smallSource, back);
        assertEquals(small, back);
    }

    /** DL4J's [b, n, T] of time-major values, by ND4J's own permute. */
    private static INDArray batchUnitsSteps(INDArray timeMajor, int steps) {
        return timeMajor.reshape('c', steps, BATCH, UNITS).permute(1, 2, 0).dup('c');
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
        INDArray source = Nd4j.create(DataType.DOUBLE, new long[] {BATCH, UNITS, STEPS}, 'f');
        source.assign(timeMajor.reshape('c', STEPS, BATCH, UNITS).permute(1, 2, 0));
        INDArray back = Nd4j.create(DataType.DOUBLE, new long[] {STEPS * BATCH, UNITS}, 'c');
        new TimeMajor().fromBatchUnitsSteps(source, back);
        assertEquals(timeMajor, back);
    }

    /** f and c order, and a view into a wider array (offset and strides of its parent). */
    private static INDArray[] sources() {
        INDArray wide = Nd4j.create(DataType.FLOAT, new long[] {BATCH + 1, UNITS + 2, STEPS + 3}, 'c');
        return new INDArray[] {
            Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, STEPS}, 'f'),
            Nd4j.create(DataType.FLOAT, new long[] {BATCH, UNITS, STEPS}, 'c'),
            wide.get(interval(1, BATCH + 1), interval(1, UNITS + 1), interval(2, STEPS + 2)),
        };
    }
}

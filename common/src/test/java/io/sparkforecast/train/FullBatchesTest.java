package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class FullBatchesTest {
    private static final int BATCH = 8;
    private static final int STEPS = 5;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchesHoldTheExamplesOfTheFilesInOrderAsSplittingIntoSingleExamplesDid(boolean masked) {
        Random random = new Random(3);
        List<DataSet> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            files.add(file(random, random.nextInt(3) == 0 ? 1 + random.nextInt(BATCH) : BATCH, masked));
        }
        List<DataSet> cut = new ArrayList<>();
        FullBatches batches = new FullBatches(BATCH);
        for (DataSet file : files) {
            batches.add(file, cut::add);
        }
        batches.finish(cut::add);

        List<DataSet> expected = splitIntoExamples(files);
        assertEquals(expected.size(), cut.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameFloats(expected.get(i).getFeatures(), cut.get(i).getFeatures());
            assertSameFloats(expected.get(i).getLabels(), cut.get(i).getLabels());
            assertSameFloats(expected.get(i).getFeaturesMaskArray(), cut.get(i).getFeaturesMaskArray());
            assertSameFloats(expected.get(i).getLabelsMaskArray(), cut.get(i).getLabelsMaskArray());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFileThatIsAWholeBatchPassesThroughAsRead(boolean afterAShortOne) {
        Random random = new Random(5);
        DataSet whole = file(random, BATCH, false);
        List<DataSet> cut = new ArrayList<>();
        FullBatches batches = new FullBatches(BATCH);
        if (afterAShortOne) {
            batches.add(file(random, 3, false), cut::add);
            batches.add(whole, cut::add);
            assertEquals(1, cut.size()); // 3 + the first 5 of the whole one
            batches.finish(cut::add);
            assertEquals(3, cut.get(1).numExamples());
            assertSameFloats(((DataSet) whole.getRange(5, 8)).getFeatures(), cut.get(1).getFeatures());
        } else {
            batches.add(whole, cut::add);
            batches.finish(cut::add);
            assertEquals(1, cut.size());
            assertSame(whole, cut.get(0));
        }
    }

    /** What the single worker did before: every file after a short one split into examples and merged back. */
    private static List<DataSet> splitIntoExamples(List<DataSet> files) {
        List<DataSet> batches = new ArrayList<>();
        List<DataSet> pending = new ArrayList<>();
        for (DataSet file : files) {
            if (pending.isEmpty() && file.numExamples() == BATCH) {
                batches.add(file);
                continue;
            }
            for (DataSet example : file.asList()) {
                pending.add(example);
                if (pending.size() == BATCH) {
                    batches.add(DataSet.merge(pending));
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            batches.add(DataSet.merge(pending));
        }
        return batches;
    }

    private static DataSet file(Random random, int examples, boolean masked) {
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, 2, STEPS).muli(random.nextInt(100));
        if (!masked) {
            return new DataSet(features, Nd4j.rand(DataType.FLOAT, examples, 1));
        }
        INDArray labels = Nd4j.rand(DataType.FLOAT, examples, 1, STEPS);
        INDArray mask = Nd4j.ones(DataType.FLOAT, examples, STEPS);
        for (int r = 0; r < examples; r++) {
            for (int t = 0; t < random.nextInt(STEPS); t++) {
                mask.putScalar(r, t, 0);
            }
        }
        return new DataSet(features, labels, mask, mask.dup());
    }

    private static void assertSameFloats(INDArray expected, INDArray actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat());
    }
}

package io.sparkforecast.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchedIteratorTest {
    @Test
    void mapsEveryInputInBatchesOfAtMostTheBatchSize() {
        List<Integer> batchSizes = new ArrayList<>();
        BatchedIterator<Integer, String> out = new BatchedIterator<>(IntStream.range(0, 7).boxed().iterator(), 3,
                batch -> {
                    batchSizes.add(batch.size());
                    return batch.stream().map(i -> "v" + i).toList();
                });
        List<String> all = new ArrayList<>();
        out.forEachRemaining(all::add);

        assertEquals(List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6"), all);
        assertEquals(List.of(3, 3, 1), batchSizes);
    }

    @Test
    void emptyInputGivesNothingAndSkipsEmptyBatchOutputs() {
        assertFalse(new BatchedIterator<Integer, Integer>(List.<Integer>of().iterator(), 2, b -> b).hasNext());
        BatchedIterator<Integer, Integer> dropsAll = new BatchedIterator<>(List.of(1, 2, 3).iterator(), 1,
                b -> List.of());
        assertFalse(dropsAll.hasNext());
    }
}

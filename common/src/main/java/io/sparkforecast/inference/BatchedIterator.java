package io.sparkforecast.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Maps a partition batch by batch, lazily: at most one batch of inputs and its outputs are in
 * memory, however large the partition.
 */
public final class BatchedIterator<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int batchSize;
    private final Function<List<I>, List<O>> mapBatch;
    private Iterator<O> current = Collections.emptyIterator();

    public BatchedIterator(Iterator<I> input, int batchSize, Function<List<I>, List<O>> mapBatch) {
        this.input = input;
        this.batchSize = batchSize;
        this.mapBatch = mapBatch;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<I> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && input.hasNext()) {
                batch.add(input.next());
            }
            current = mapBatch.apply(batch).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}

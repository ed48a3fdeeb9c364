package io.sparkforecast.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Re-cuts a stream of minibatch files into full batches, as dl4j-spark's workers stream them
 * (its IteratorDataSetIterator): a file continues the pending batch and is split where the batch
 * fills. A file that is a whole batch on its own passes through as it was read.
 * <p>Pieces are row ranges merged once per batch: splitting every file after the exporter's
 * first short one into single examples and merging those back cost an eighth of the fitting
 * (profile of bench-train's single worker).
 */
final class FullBatches {
    private final int batchSize;
    private final List<DataSet> pieces = new ArrayList<>();
    private int pending;

    FullBatches(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Adds a file's examples in order; hands each batch that fills to {@code full}. */
    void add(DataSet file, Consumer<DataSet> full) {
        int examples = file.numExamples();
        for (int from = 0; from < examples; ) {
            int take = Math.min(batchSize - pending, examples - from);
            pieces.add(take == examples ? file : (DataSet) file.getRange(from, from + take));
            pending += take;
            from += take;
            if (pending == batchSize) {
                full.accept(drain());
            }
        }
    }

    /** Hands the examples still pending, fewer than a batch, to {@code last}; nothing if none. */
    void finish(Consumer<DataSet> last) {
        if (pending > 0) {
            last.accept(drain());
        }
    }

    private DataSet drain() {
        // One piece is a whole file, or the tail of one (a view, copied as a merge would).
        DataSet first = pieces.get(0);
        DataSet batch = pieces.size() > 1 ? DataSet.merge(pieces) : first.getFeatures().isView() ? first.copy() : first;
        pieces.clear();
        pending = 0;
        return batch;
    }
}

package io.sparkforecast.train;

import java.util.List;

/** Minibatch files (serialized DL4J DataSets) of one split, and how many samples they hold. */
public record ExportedBatches(List<String> paths, long samples) {
    public static final ExportedBatches NONE = new ExportedBatches(List.of(), 0);

    public ExportedBatches {
        paths = List.copyOf(paths);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }
}

package io.sparkforecast.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The datasets a job keeps materialised ({@link Materialized}) or cached, released together when
 * the scope closes: open it with try-with-resources, so a failed job frees them too.
 */
public final class Cached implements AutoCloseable {
    private final List<Dataset<Row>> kept = new ArrayList<>();

    /** {@link Materialized#of} of the rows, released with this scope. */
    public Dataset<Row> of(Dataset<Row> rows) {
        Dataset<Row> materialized = Materialized.of(rows);
        kept.add(materialized);
        return materialized;
    }

    /** The rows cached as they are (their plan kept), released with this scope. */
    public Dataset<Row> cache(Dataset<Row> rows) {
        Dataset<Row> cachedRows = rows.cache();
        kept.add(cachedRows);
        return cachedRows;
    }

    @Override
    public void close() {
        kept.forEach(Dataset::unpersist);
        kept.clear();
    }
}

package io.sparkforecast.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The datasets a job keeps materialised ({@link Materialized}) or cached, and the resources they
 * read, released together when the scope closes: open it with try-with-resources, so a failed job
 * frees them too.
 */
public final class Cached implements AutoCloseable {
    private final List<Dataset<Row>> kept = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

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

    /** A resource that the datasets may read until this scope closes (then closed, after them). */
    public <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        kept.forEach(Dataset::unpersist);
        kept.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release " + resource, e);
            }
        }
        resources.clear();
    }
}

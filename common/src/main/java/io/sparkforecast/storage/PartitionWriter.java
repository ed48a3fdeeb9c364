package io.sparkforecast.storage;

import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces one partition ({@code column=value}) of a Hive-style partitioned Parquet table as a
 * whole: the rows are written to a staging directory first and swapped in by renames, so a
 * failed write leaves the previous partition intact, and readers never see a partial one.
 * Other partitions are never touched. Staging lives under {@code _staging}, which Spark and
 * globs like {@code table/*}{@code /*.parquet} skip.
 */
public final class PartitionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);

    private final Storage storage;

    public PartitionWriter(Storage storage) {
        this.storage = storage;
    }

    /**
     * @param rows  the partition's rows, without the partition column
     * @param files how many Parquet files to write
     * @return the partition directory
     */
    public String replace(Dataset<Row> rows, String table, String column, String value, int files) {
        String partition = column + "=" + value;
        String attempt = partition + "-" + UUID.randomUUID();
        String staged = table + "/_staging/" + attempt;
        String previous = table + "/_replaced/" + attempt;
        String target = table + "/" + partition;
        try {
            rows.repartition(files).write().mode(SaveMode.ErrorIfExists).parquet(staged);
            swap(staged, target, previous);
            LOG.info("wrote partition {} of {}", partition, table);
            return target;
        } finally {
            storage.delete(staged);
            storage.delete(previous);
        }
    }

    private void swap(String staged, String target, String previous) {
        boolean replacing = storage.exists(target);
        if (replacing) {
            storage.mkdirs(previous.substring(0, previous.lastIndexOf('/')));
            storage.rename(target, previous);
        }
        try {
            storage.rename(staged, target);
        } catch (RuntimeException e) {
            if (replacing) {
                storage.rename(previous, target);
            }
            throw e;
        }
    }
}

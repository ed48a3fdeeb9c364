package io.sparkforecast.storage;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces one partition ({@code column=value}) of a Hive-style partitioned Parquet table as a
 * whole through the {@link Publisher}: a failed or killed write leaves the previous partition,
 * readers never see a partial one, and other partitions are never touched.
 */
public final class PartitionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);
    /** Staging directories inside the table written by versions before the Publisher. */
    private static final String LEGACY_STAGING = "_staging";
    private static final String LEGACY_REPLACED = "_replaced";

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
        removeLegacyStaging(table);
        try (Publisher.Publication publication = new Publisher(storage).replacePartition(table, partition)) {
            rows.repartition(files).write().mode(SaveMode.ErrorIfExists).parquet(publication.staging());
            String target = publication.commit();
            LOG.debug("wrote partition {} of {}", partition, table);
            return target;
        }
    }

    /**
     * Earlier versions staged inside the table, where readers' globs found it: restores a
     * partition left set aside by an interrupted swap, then removes both directories.
     */
    private void removeLegacyStaging(String table) {
        String replaced = table + "/" + LEGACY_REPLACED;
        for (String attempt : storage.listDirectoryNames(replaced)) {
            String partition = attempt.substring(0, Math.max(0, attempt.length() - 37));
            if (!partition.isEmpty() && !storage.exists(table + "/" + partition)) {
                storage.rename(replaced + "/" + attempt, table + "/" + partition);
            }
        }
        storage.delete(replaced);
        storage.delete(table + "/" + LEGACY_STAGING);
    }
}

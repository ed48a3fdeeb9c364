package io.sparkforecast.core;

/** output.table_format: how the output tables (predictions, metrics, intervals, fallback, confusion, registry) are kept. */
public enum TableFormat {
    /** Hive-partitioned Parquet directories, partitions replaced by the Publisher's renames. */
    PARQUET,
    /** Apache Iceberg tables in a Spark catalog, partitions replaced by one atomic commit. */
    ICEBERG
}

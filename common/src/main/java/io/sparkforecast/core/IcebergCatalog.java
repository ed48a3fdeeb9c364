package io.sparkforecast.core;

import java.io.Serializable;

/**
 * Where output tables live with output.table_format = iceberg: the Spark catalog name, the
 * namespace inside it, and the warehouse of the catalog this product configures when the
 * session has none of that name (a Hadoop catalog: files only, no server).
 */
public record IcebergCatalog(String catalog, String namespace, String warehouse) implements Serializable {
}

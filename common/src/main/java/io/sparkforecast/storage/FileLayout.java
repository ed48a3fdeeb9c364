package io.sparkforecast.storage;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a table partition's rows are split into files: a given number of files (the rows are
 * shuffled into them), or one file per partition of the rows as they were computed (no
 * shuffle: the tasks that compute the rows write them), at most {@code maxRowsPerFile} each.
 */
public record FileLayout(int files, long maxRowsPerFile) {
    public FileLayout {
        if (files < 0 || maxRowsPerFile < 0 || (files == 0) == (maxRowsPerFile == 0)) {
            throw new IllegalArgumentException("a file count or a row limit, not " + files + " and "
                    + maxRowsPerFile);
        }
    }

    /** Exactly {@code files} files. */
    public static FileLayout files(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("files must be at least 1, not " + files);
        }
        return new FileLayout(files, 0);
    }

    /** The rows' own partitions, each split into files of at most {@code maxRowsPerFile} rows. */
    public static FileLayout asComputed(long maxRowsPerFile) {
        return new FileLayout(0, maxRowsPerFile);
    }

    Dataset<Row> arrange(Dataset<Row> rows) {
        return files > 0 ? rows.repartition(files) : rows;
    }

    DataFrameWriter<Row> limit(DataFrameWriter<Row> writer) {
        return maxRowsPerFile > 0 ? writer.option("maxRecordsPerFile", maxRowsPerFile) : writer;
    }
}

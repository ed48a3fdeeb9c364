package io.sparkforecast.spark;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's default of 200 shuffle partitions makes every shuffle of a small table 200 tasks and
 * every table written from one 200 files: preparing a 40,000-row table took twice as long as
 * with 8. Unless the user sets spark.sql.shuffle.partitions, a job sizes it from its input:
 * one partition per 32 MiB of input files, at least two per core the application has.
 */
public final class ShufflePartitions {
    public static final String KEY = "spark.sql.shuffle.partitions";
    static final long BYTES_PER_PARTITION = 32L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ShufflePartitions.class);

    private ShufflePartitions() {
    }

    /** Partitions for this many input bytes on this many cores. */
    public static int forInput(long inputBytes, int cores) {
        long bySize = (inputBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2L * Math.max(1, cores), bySize));
    }

    /**
     * Sets the session's shuffle partitions from the size of {@code inputPath} (a file or a
     * directory tree); leaves Spark's default when the path is null or cannot be sized (a job
     * whose input does not exist yet fails later with its own message).
     */
    public static void fitToInput(SparkSession spark, String inputPath) {
        if (inputPath == null) {
            return;
        }
        try {
            Path path = new Path(inputPath);
            long bytes = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(path)
                    .getLength();
            int partitions = forInput(bytes, spark.sparkContext().defaultParallelism());
            spark.conf().set(KEY, partitions);
            LOG.info("{} = {} for {} MB of input in {} (set it to choose)", KEY, partitions,
                    String.format("%.1f", bytes / 1048576.0), inputPath);
        } catch (IOException | IllegalArgumentException unsized) {
            LOG.debug("{}: Spark's default; cannot size {}", KEY, inputPath, unsized);
        }
    }
}

package io.sparkforecast.prepare;

import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.WindowSample;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.series.TimeSplit;
import org.apache.spark.util.SerializableConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;

/**
 * Writes prepare's samples table: each task encodes its series' samples split by split, one
 * Parquet file per split under {@code split=<name>/} ({@link SamplesFile}), as Spark's
 * partitioned write lays them out but without its sort by split and its per-element overheads.
 * A task writes each file under a hidden name of its attempt and renames it when complete, so
 * a failed, retried or speculative attempt never leaves a partial file among the table's; the
 * driver removes an abandoned attempt's leftovers.
 */
public final class SamplesWriter {
    private static final List<String> SPLITS = List.of(TimeSplit.TRAIN, TimeSplit.VALIDATION, TimeSplit.TEST);
    private static final String ATTEMPT_PREFIX = ".attempt-";

    private SamplesWriter() {
    }

    /** Writes the samples of every series into {@code directory}, which should not exist yet. */
    public static void write(JavaRDD<SeriesRows> series, SeriesPreparation preparation, String directory,
                             SerializableConfiguration conf) {
        series.foreachPartition(rows -> writePartition(rows, preparation, directory, conf.value()));
        removeAbandonedAttempts(directory, conf.value());
    }

    private static void writePartition(Iterator<SeriesRows> rows, SeriesPreparation preparation, String directory,
                                       Configuration conf) throws IOException {
        List<PreparedSeries> prepared = new ArrayList<>();
        rows.forEachRemaining(r -> prepared.add(preparation.prepare(r)));
        TaskContext task = TaskContext.get();
        String name = String.format("part-%05d.snappy.parquet", task.partitionId());
        for (String split : SPLITS) {
            Path dir = new Path(directory, SamplesTable.SPLIT + "=" + split);
            Path attempt = new Path(dir, ATTEMPT_PREFIX + task.attemptNumber() + "-" + name);
            if (writeSplit(prepared, split, attempt, conf)) {
                commit(attempt, new Path(dir, name), conf);
            }
        }
    }

    /** Writes one split's samples to {@code file}; false (and no file) when there are none. */
    private static boolean writeSplit(List<PreparedSeries> prepared, String split, Path file, Configuration conf)
            throws IOException {
        SamplesFile writer = null;
        try {
            for (PreparedSeries series : prepared) {
                Iterator<WindowSample> samples = series.samples(split);
                while (samples.hasNext()) {
                    if (writer == null) {
                        writer = new SamplesFile(HadoopOutputFile.fromPath(file, conf), conf,
                                SamplesFile.ROW_GROUP_BYTES);
                    }
                    writer.write(samples.next());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (writer != null) {
                closeQuietly(writer, e);
                file.getFileSystem(conf).delete(file, false);
            }
            throw e;
        }
        if (writer == null) {
            return false;
        }
        writer.close();
        return true;
    }

    private static void closeQuietly(SamplesFile writer, Throwable failure) {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Gives the attempt's complete file its final name, unless another attempt of the task did
     * (the same samples: a retry, or a speculative copy): a committed file is never replaced, so
     * it is never missing either.
     */
    private static void commit(Path attempt, Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        if (!fs.exists(target) && fs.rename(attempt, target)) {
            return;
        }
        if (!fs.exists(target)) {
            throw new IOException("could not rename " + attempt + " to " + target);
        }
        fs.delete(attempt, false);
    }

    /** Deletes what a failed task attempt left (hidden from readers, but not to be published). */
    private static void removeAbandonedAttempts(String directory, Configuration conf) {
        try {
            Path root = new Path(directory);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                return;
            }
            for (FileStatus dir : fs.listStatus(root)) {
                if (dir.isDirectory()) {
                    for (FileStatus file : fs.listStatus(dir.getPath())) {
                        if (file.getPath().getName().startsWith(ATTEMPT_PREFIX)) {
                            fs.delete(file.getPath(), false);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

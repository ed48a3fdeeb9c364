package io.sparkforecast.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outputs that belong together (evaluate's metrics, fallback choices, intervals and report),
 * published so that after a kill at any instant readers find them all old or all new. Each
 * output is first staged in full in a set directory (under output.work); a manifest written by
 * one rename commits the set; only then is each output replaced in turn (through the
 * {@link Publisher} or an Iceberg commit). A committed set is completed by {@link #recover},
 * which every job that reads these outputs calls first; a set without a manifest was never
 * committed: a failed run removes it, and a killed run's is removed once abandoned.
 */
public final class PublicationSet implements AutoCloseable {
    /** System property naming a {@link Step} after which to halt as if killed (crash-point tests). */
    public static final String CRASH_AFTER_PROPERTY = "sparkforecast.publish-set.crash-after";

    private static final Logger LOG = LoggerFactory.getLogger(PublicationSet.class);
    private static final String MANIFEST = "committed.json";

    /** The steps of a set's publication, in order. */
    public enum Step {
        /** Every output is staged and the manifest written. */
        COMMITTED,
        /** The first output is replaced, the others not yet. */
        FIRST_REPLACED
    }

    /** A table partition to replace with the Parquet rows staged in {@code staged}. */
    record Partition(String table, String column, String value, String staged) {
    }

    /** A directory to replace with the staged files (none: remove it). */
    record Directory(String target, String staged, List<String> files) {
    }

    record Manifest(List<Partition> partitions, List<Directory> directories) {
    }

    private final SparkSession spark;
    private final OutputTables tables;
    private final Storage storage;
    private final String dir;
    private final List<Partition> partitions = new ArrayList<>();
    private final List<Directory> directories = new ArrayList<>();
    private boolean committed;

    private PublicationSet(SparkSession spark, OutputTables tables, String dir) {
        this.spark = spark;
        this.tables = tables;
        this.storage = Storage.of(spark);
        this.dir = dir;
    }

    /** Starts a set staged under {@code root} (one root per set of outputs, e.g. per model). */
    public static PublicationSet begin(SparkSession spark, OutputTables tables, String root) {
        recover(spark, tables, root);
        return new PublicationSet(spark, tables, root + "/" + System.currentTimeMillis() + "-" + UUID.randomUUID());
    }

    /** Stages partition {@code column = value} (a string column) of the table at {@code table}. */
    public void replacePartition(Dataset<Row> rows, String table, String column, String value) {
        String staged = dir + "/partition-" + partitions.size();
        rows.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(staged);
        partitions.add(new Partition(table, column, value, staged));
    }

    /** Stages directory {@code target} with exactly {@code files} (name -> content); none removes it. */
    public void replaceDirectory(String target, Map<String, byte[]> files) {
        String staged = dir + "/directory-" + directories.size();
        storage.mkdirs(staged);
        files.forEach((name, content) -> storage.writeAtomically(staged + "/" + name, content));
        directories.add(new Directory(target, staged, List.copyOf(files.keySet())));
    }

    /** Commits the staged outputs, then replaces each. */
    public void commit() {
        Manifest manifest = new Manifest(List.copyOf(partitions), List.copyOf(directories));
        storage.writeAtomically(dir + "/" + MANIFEST, Json.write(manifest));
        committed = true;
        crashPoint(Step.COMMITTED);
        apply(spark, tables, dir, manifest);
    }

    /** Removes the staging of a set that was not committed. */
    @Override
    public void close() {
        if (!committed) {
            storage.delete(dir);
        }
    }

    /**
     * Completes every committed set under {@code root} (oldest first) and removes the
     * uncommitted ones abandoned by killed runs.
     */
    public static void recover(SparkSession spark, OutputTables tables, String root) {
        Storage storage = Storage.of(spark);
        long abandonAfterMillis = Publisher.abandonAfterMillis(storage);
        for (String name : storage.listDirectoryNames(root).stream().sorted().toList()) {
            String set = root + "/" + name;
            if (storage.exists(set + "/" + MANIFEST)) {
                LOG.warn("publish: completing the interrupted publication of the outputs staged in {}", set);
                apply(spark, tables, set, Json.read(storage.readString(set + "/" + MANIFEST), Manifest.class));
            } else if (System.currentTimeMillis() - startedAt(name) >= abandonAfterMillis) {
                LOG.info("publish: removing the abandoned staging {}", set);
                storage.delete(set);
            }
        }
        storage.deleteIfEmpty(root);
    }

    /** Replaces each output of the set (again, where a killed run replaced some), then removes the set. */
    private static void apply(SparkSession spark, OutputTables tables, String set, Manifest manifest) {
        Storage storage = Storage.of(spark);
        boolean first = true;
        for (Partition partition : manifest.partitions()) {
            tables.replace(spark.read().parquet(partition.staged()), partition.table(), partition.column(),
                    partition.value(), 1);
            if (first) {
                crashPoint(Step.FIRST_REPLACED);
                first = false;
            }
        }
        for (Directory directory : manifest.directories()) {
            if (directory.files().isEmpty()) {
                storage.delete(directory.target());
                continue;
            }
            new Publisher(storage).replace(directory.target(), staging -> {
                storage.mkdirs(staging);
                for (String file : directory.files()) {
                    storage.writeAtomically(staging + "/" + file, storage.readBytes(directory.staged() + "/" + file));
                }
            });
        }
        storage.delete(set);
    }

    private static long startedAt(String setName) {
        try {
            return Long.parseLong(setName.substring(0, Math.max(0, setName.indexOf('-'))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void crashPoint(Step step) {
        if (step.name().equals(System.getProperty(CRASH_AFTER_PROPERTY))) {
            throw new Publisher.SimulatedCrash(step.name());
        }
    }
}

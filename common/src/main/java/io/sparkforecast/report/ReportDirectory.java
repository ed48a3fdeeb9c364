package io.sparkforecast.report;

import io.sparkforecast.storage.Storage;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;

/**
 * Publishes a report's files as one directory on any Hadoop file system: written under a
 * staging name beside it, then swapped in for the previous contents, so a reader never sees
 * a mix of two runs or a half-written report.
 */
public final class ReportDirectory {
    private ReportDirectory() {
    }

    /** Replaces {@code dir} with exactly {@code files} (name -> content); returns dir. */
    public static String replace(Storage storage, String dir, Map<String, byte[]> files) {
        return replace(storage, dir, staging -> files.forEach(
                (name, content) -> storage.writeAtomically(staging + "/" + name, content)));
    }

    /** Replaces {@code dir} with what {@code writer} writes into the staging directory it is given. */
    public static String replace(Storage storage, String dir, Consumer<String> writer) {
        Path target = new Path(dir);
        String staging = new Path(target.getParent(), "_staging-" + target.getName() + "-" + UUID.randomUUID())
                .toString();
        try {
            storage.mkdirs(staging);
            writer.accept(staging);
            storage.replaceDirectory(staging, dir);
        } catch (RuntimeException e) {
            try {
                storage.delete(staging);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return dir;
    }
}

package io.sparkforecast.report;

import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes a report's files as one directory on any Hadoop file system through the
 * {@link Publisher}, so a reader never sees a mix of two runs or a half-written report.
 */
public final class ReportDirectory {
    private ReportDirectory() {
    }

    /** Replaces {@code dir} with exactly {@code files} (name -> content); returns dir. */
    public static String replace(Storage storage, String dir, Map<String, byte[]> files) {
        return replace(storage, dir, staging -> {
            storage.mkdirs(staging);
            files.forEach((name, content) -> storage.writeAtomically(staging + "/" + name, content));
        });
    }

    /** Replaces {@code dir} with what {@code writer} writes into the staging directory it is given. */
    public static String replace(Storage storage, String dir, Consumer<String> writer) {
        new Publisher(storage).replace(dir, writer);
        return dir;
    }
}

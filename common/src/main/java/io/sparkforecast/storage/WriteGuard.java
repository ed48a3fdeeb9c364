package io.sparkforecast.storage;

import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The one guard on every delete and replace made through {@link Storage}: while a job runs under
 * it, a path outside the locations the job owns (its outputs and output.work, with the staging
 * the {@link Publisher} keeps beside each) is refused. The config already keeps names plain and
 * locations apart; this is the backstop for a path built wrongly anywhere (a model name of
 * {@code ../..} once deleted the whole output directory).
 */
public final class WriteGuard implements AutoCloseable {
    /** Hadoop configuration key: the owned locations, qualified, one per line; unset, no guard. */
    static final String KEY = "sparkforecast.storage.owned";
    private static final String STAGING_DIR = "/.publishing";

    private final Configuration conf;

    private WriteGuard(Configuration conf) {
        this.conf = conf;
    }

    /** Guards the session's storage until closed: deletes and replaces only under {@code locations}. */
    public static WriteGuard install(Storage storage, Collection<String> locations) {
        List<String> owned = locations.stream().map(location -> normal(storage.qualify(location))).toList();
        storage.hadoopConf().set(KEY, String.join("\n", owned));
        return new WriteGuard(storage.hadoopConf());
    }

    @Override
    public void close() {
        conf.unset(KEY);
    }

    /** Refuses {@code action} on {@code qualifiedPath} where a guard is installed and the path is not owned. */
    static void check(Configuration conf, String qualifiedPath, String action) {
        String owned = conf.get(KEY);
        if (owned == null || owned.isEmpty()) {
            return;
        }
        String path = normal(qualifiedPath);
        for (String root : owned.split("\n")) {
            Path rootPath = new Path(root);
            String staging = rootPath.getParent() == null ? root : rootPath.getParent() + STAGING_DIR;
            if (within(path, root) || within(path, staging + "/" + rootPath.getName()) || path.equals(staging)) {
                return;
            }
        }
        throw new IllegalStateException("refusing to " + action + " " + qualifiedPath + ": it lies outside the "
                + "locations this job writes (" + owned.replace("\n", ", ") + ")");
    }

    private static boolean within(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** The path with . and .. resolved and no trailing slash. */
    private static String normal(String qualified) {
        return new Path(qualified).toUri().normalize().toString().replaceAll("/+$", "");
    }
}

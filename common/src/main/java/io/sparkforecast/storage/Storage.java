package io.sparkforecast.storage;

import io.sparkforecast.core.JobFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.sql.SparkSession;

/**
 * File operations on any Hadoop file system (local, HDFS, S3A) for the driver: small files,
 * directory listings, and publication by rename so readers never see half-written output.
 */
public final class Storage {
    private final Configuration hadoopConf;

    public Storage(Configuration hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    public static Storage of(SparkSession spark) {
        return new Storage(spark.sparkContext().hadoopConfiguration());
    }

    public Configuration hadoopConf() {
        return hadoopConf;
    }

    public boolean exists(String path) {
        return call(() -> fs(path).exists(new Path(path)));
    }

    /** Fully qualified form of a path (file:/abs/... for local paths), for logs and metadata. */
    public String qualify(String path) {
        return call(() -> fs(path).makeQualified(new Path(path)).toString());
    }

    public void delete(String path) {
        guard(path, "delete");
        call(() -> fs(path).delete(new Path(path), true));
    }

    public void mkdirs(String path) {
        call(() -> {
            FileSystem fs = fs(path);
            if (fs instanceof LocalFileSystem local) {
                // as writeAtomically: Hadoop's local mkdirs forks a chmod process
                Files.createDirectories(local.pathToFile(new Path(path)).toPath());
                return true;
            }
            return fs.mkdirs(new Path(path));
        });
    }

    public byte[] readBytes(String path) {
        return call(() -> {
            try (InputStream in = fs(path).open(new Path(path))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        });
    }

    public String readString(String path) {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Writes beside the target, then renames it over the target (see {@link #replaceFile}): a
     * reader finds the previous file or the complete new one, never a partial or missing one.
     */
    public void writeAtomically(String path, byte[] content) {
        guard(path, "replace");
        call(() -> {
            Path target = new Path(path);
            String tempName = "." + target.getName() + "." + UUID.randomUUID() + ".tmp";
            FileSystem fs = fs(path);
            if (fs instanceof LocalFileSystem local) {
                writeLocally(local.pathToFile(target).toPath(), tempName, content);
                return null;
            }
            Path temp = new Path(target.getParent(), tempName);
            try (FSDataOutputStream out = fs.create(temp, true)) {
                out.write(content);
            }
            replaceFile(temp.toString(), path);
            return null;
        });
    }

    /**
     * writeAtomically on a local disk, without Hadoop: its local file system forks a chmod
     * process for every file and directory it creates when its native library is absent (the
     * usual case), ~5 ms each, and train checkpoints three files an epoch.
     */
    private static void writeLocally(java.nio.file.Path target, String tempName, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        java.nio.file.Path temp = target.resolveSibling(tempName);
        Files.write(temp, content);
        // A checksum that Hadoop wrote beside an older version of the file would not match this one.
        Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    public void writeAtomically(String path, String content) {
        writeAtomically(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public OutputStream create(String path) {
        return call(() -> fs(path).create(new Path(path), true));
    }

    /** Renames a directory (or file); fails if the target exists. */
    public void rename(String from, String to) {
        guard(from, "move");
        guard(to, "replace");
        call(() -> {
            FileSystem fs = fs(from);
            Path target = new Path(to);
            if (fs.exists(target)) {
                throw new IOException("cannot publish " + from + ": " + to + " already exists");
            }
            if (!fs.rename(new Path(from), target)) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
            return null;
        });
    }

    /**
     * The one data file of directory {@code dir} (names starting with _ or . are not data), if it
     * holds exactly one and no subdirectory.
     */
    public Optional<String> onlyDataFile(String dir) {
        return call(() -> {
            FileStatus[] entries = fs(dir).listStatus(new Path(dir));
            List<String> data = new ArrayList<>();
            for (FileStatus entry : entries) {
                String name = entry.getPath().getName();
                if (entry.isDirectory()) {
                    return Optional.<String>empty();
                }
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    data.add(entry.getPath().toString());
                }
            }
            return data.size() == 1 ? Optional.of(data.get(0)) : Optional.<String>empty();
        });
    }

    /**
     * Renames file {@code from} over existing file {@code to} in one step: a plain rename on local
     * file systems (rename(2) replaces atomically), an overwriting rename where the file system
     * refuses that (HDFS: atomic; others: delete then rename).
     */
    public void replaceFile(String from, String to) {
        guard(from, "move");
        guard(to, "replace");
        call(() -> {
            Path source = new Path(from);
            Path target = new Path(to);
            if (!fs(from).rename(source, target)) {
                FileContext.getFileContext(source.toUri(), hadoopConf).rename(source, target, Options.Rename.OVERWRITE);
            }
            return null;
        });
    }

    /** Deletes directory {@code path} if it exists and holds nothing. */
    public void deleteIfEmpty(String path) {
        guard(path, "delete");
        call(() -> {
            FileSystem fs = fs(path);
            Path dir = new Path(path);
            if (fs.exists(dir) && fs.getFileStatus(dir).isDirectory() && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
            return null;
        });
    }

    /** See {@link WriteGuard}. */
    private void guard(String path, String action) {
        if (hadoopConf.get(WriteGuard.KEY) != null) {
            WriteGuard.check(hadoopConf, qualify(path), action);
        }
    }

    /** Names of the subdirectories of {@code path}; empty if it does not exist. */
    public List<String> listDirectoryNames(String path) {
        return call(() -> {
            FileSystem fs = fs(path);
            Path dir = new Path(path);
            List<String> names = new ArrayList<>();
            if (!fs.exists(dir)) {
                return names;
            }
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.isDirectory()) {
                    names.add(status.getPath().getName());
                }
            }
            return names;
        });
    }

    /**
     * Checks that {@code path} can be created or replaced: its nearest existing ancestor is a
     * directory we may write to, and the path itself, if it exists, is a directory.
     *
     * @return a one-line description of the check
     */
    public String checkWritableDirectory(String path) {
        return call(() -> {
            FileSystem fs = fs(path);
            Path target = fs.makeQualified(new Path(path));
            if (fs.exists(target)) {
                if (!fs.getFileStatus(target).isDirectory()) {
                    throw JobFailure.usage("output location %s exists and is not a directory", target);
                }
                access(fs, target);
                return target + " exists and is writable (will be replaced)";
            }
            Path ancestor = target.getParent();
            while (ancestor != null && !fs.exists(ancestor)) {
                ancestor = ancestor.getParent();
            }
            if (ancestor == null) {
                throw JobFailure.usage("output location %s: no existing parent directory", target);
            }
            if (!fs.getFileStatus(ancestor).isDirectory()) {
                throw JobFailure.usage("output location %s cannot be created: %s is a file", target, ancestor);
            }
            access(fs, ancestor);
            return target + " will be created (" + ancestor + " is writable)";
        });
    }

    /**
     * The permission bits, then a test write: a read-only mount (or an object store policy) keeps
     * bits that allow writing, and the job failed only when it came to write.
     */
    private static void access(FileSystem fs, Path path) throws IOException {
        try {
            fs.access(path, FsAction.WRITE);
        } catch (AccessControlException e) {
            throw JobFailure.usage("output location %s is not writable: %s", path, e.getMessage());
        }
        Path probe = new Path(path, ".write-probe-" + UUID.randomUUID());
        try {
            fs.create(probe, false).close();
        } catch (IOException e) {
            throw JobFailure.usage("output location %s is not writable: a test file could not be created there (%s)",
                    path, e.getMessage());
        } finally {
            fs.delete(probe, false);
        }
    }

    private FileSystem fs(String path) throws IOException {
        return new Path(path).getFileSystem(hadoopConf);
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

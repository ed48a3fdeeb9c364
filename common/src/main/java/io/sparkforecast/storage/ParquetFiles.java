package io.sparkforecast.storage;

import io.sparkforecast.core.JobFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Checks the frame of every Parquet file under a path on the driver (its length and the PAR1
 * magic at both ends) before Spark reads it: a truncated or foreign file is named in one line
 * instead of failing a task deep inside a job.
 */
public final class ParquetFiles {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Magic, footer length and magic: the smallest a Parquet file can be. */
    private static final int MINIMUM_LENGTH = 12;

    private ParquetFiles() {
    }

    /** Throws an input failure naming the first file under {@code path} that is not framed as Parquet. */
    public static void check(Storage storage, String path, String setting) {
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(storage.hadoopConf());
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (!hidden(root, file.getPath())) {
                    String problem = problem(fs, file);
                    if (problem != null) {
                        throw JobFailure.invalidInput("%s: %s is not a readable Parquet file: %s", setting,
                                file.getPath(), problem);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files Spark skips too: names starting with _ or . at any level below the root. */
    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String problem(FileSystem fs, LocatedFileStatus file) throws IOException {
        long length = file.getLen();
        if (length < MINIMUM_LENGTH) {
            return "truncated (" + length + " bytes; a Parquet file has at least " + MINIMUM_LENGTH + ")";
        }
        byte[] head = new byte[MAGIC.length];
        byte[] tail = new byte[MAGIC.length];
        try (FSDataInputStream in = fs.open(file.getPath())) {
            in.readFully(0, head);
            in.readFully(length - MAGIC.length, tail);
        } catch (ChecksumException e) {
            return "its content does not match its .crc checksum file (damaged or changed after it was written)";
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        if (!Arrays.equals(head, MAGIC)) {
            return "wrong magic number at its start (" + printable(head) + ", expected PAR1)";
        }
        if (!Arrays.equals(tail, MAGIC)) {
            return "wrong magic number at its end (" + printable(tail) + ", expected PAR1): truncated or not Parquet";
        }
        return null;
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }
}

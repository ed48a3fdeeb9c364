package io.sparkforecast.storage;

import io.sparkforecast.core.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;

/** Identifies the files a Dataset reads: sha256 over their names, sizes and modification times. */
public final class InputFingerprint {
    private InputFingerprint() {
    }

    public static String of(Dataset<?> input, Configuration hadoopConf) {
        String[] files = input.inputFiles();
        Arrays.sort(files);
        MessageDigest digest = Checksums.sha256Digest();
        try {
            for (String file : files) {
                Path path = new Path(file);
                FileStatus status = path.getFileSystem(hadoopConf).getFileStatus(path);
                digest.update((file + "|" + status.getLen() + "|" + status.getModificationTime() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return Checksums.hex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

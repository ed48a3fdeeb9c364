package io.sparkforecast.train;

import org.apache.spark.util.SerializableConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exported minibatch files, and the loader fitPaths reads them with: features, labels and
 * their masks as little-endian float blocks, each file written and read in one call. DL4J's own
 * DataSet format reads every float through a DataInputStream, and Hadoop's checksummed local
 * file system allocates large buffers per file: together 17% of a worker's fit time on small
 * networks.
 */
public final class MinibatchFile implements DataSetLoader {
    private static final int MAGIC = 0x464D4231; // "FMB1"
    private static final int ARRAYS = 4;

    private final SerializableConfiguration conf;

    public MinibatchFile(SerializableConfiguration conf) {
        this.conf = conf;
    }

    @Override
    public DataSet load(Source source) throws IOException {
        // by path, not source.getInputStream(): that opens a checksummed Hadoop stream on local files
        return read(source.getPath(), conf);
    }

    /** Writes {@code batch} as {@code <directory>/<name>} and returns its path. */
    public static String save(DataSet batch, String directory, String name, SerializableConfiguration conf)
            throws IOException {
        Path path = new Path(directory, name);
        FileSystem fs = path.getFileSystem(conf.value());
        byte[] bytes = encode(batch);
        if (fs instanceof LocalFileSystem local) {
            // Hadoop's local file system forks a chmod process per created file (two with the
            // checksum file) when its native library is absent: 14 ms a minibatch, most of the export.
            java.nio.file.Path file = local.pathToFile(path).toPath();
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } else {
            try (OutputStream out = fs.create(path, true)) {
                out.write(bytes);
            }
        }
        return path.toString();
    }

    /** Reads one file written by {@link #save}. */
    public static DataSet read(String file, SerializableConfiguration conf) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf.value());
        byte[] bytes;
        if (fs instanceof LocalFileSystem local) {
            bytes = Files.readAllBytes(local.pathToFile(path).toPath());
        } else {
            try (InputStream in = fs.open(path)) {
                bytes = in.readAllBytes();
            }
        }
        return decode(bytes, file);
    }

    static byte[] encode(DataSet batch) {
        INDArray[] arrays = {batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArray(),
                batch.getLabelsMaskArray()};
        float[][] values = new float[ARRAYS][];
        int size = 2 * Integer.BYTES;
        for (int i = 0; i < ARRAYS; i++) {
            size += Integer.BYTES;
            if (arrays[i] != null) {
                values[i] = arrays[i].castTo(DataType.FLOAT).dup('c').data().asFloat();
                size += arrays[i].rank() * Long.BYTES + values[i].length * Float.BYTES;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(ARRAYS);
        for (int i = 0; i < ARRAYS; i++) {
            if (arrays[i] == null) {
                buffer.putInt(0);
                continue;
            }
            buffer.putInt(arrays[i].rank());
            for (long dimension : arrays[i].shape()) {
                buffer.putLong(dimension);
            }
            buffer.asFloatBuffer().put(values[i]);
            buffer.position(buffer.position() + values[i].length * Float.BYTES);
        }
        return buffer.array();
    }

    static DataSet decode(byte[] bytes, String file) throws IOException {
        try {
            return decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), file);
        } catch (BufferUnderflowException e) {
            throw new IOException("truncated minibatch file: " + file, e);
        }
    }

    private static DataSet decode(ByteBuffer buffer, String file) throws IOException {
        if (buffer.getInt() != MAGIC || buffer.getInt() != ARRAYS) {
            throw new IOException("not a minibatch file of this version: " + file);
        }
        INDArray[] arrays = new INDArray[ARRAYS];
        for (int i = 0; i < ARRAYS; i++) {
            int rank = buffer.getInt();
            if (rank == 0) {
                continue;
            }
            long[] shape = new long[rank];
            long length = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = buffer.getLong();
                length *= shape[d];
            }
            float[] values = new float[Math.toIntExact(length)];
            buffer.asFloatBuffer().get(values);
            buffer.position(buffer.position() + values.length * Float.BYTES);
            arrays[i] = Nd4j.create(values, shape, 'c');
        }
        return new DataSet(arrays[0], arrays[1], arrays[2], arrays[3]);
    }
}

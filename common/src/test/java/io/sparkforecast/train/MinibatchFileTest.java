package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.util.SerializableConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class MinibatchFileTest {
    private static final SerializableConfiguration CONF = new SerializableConfiguration(new Configuration());

    @TempDir
    Path dir;

    @Test
    void windowsRoundTripWithoutMasks() throws IOException {
        // a permuted view: its buffer is not in the 'c' order the file stores
        INDArray features = Nd4j.arange(24).reshape(2, 3, 4).permute(0, 2, 1).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1.5f}, {-2.25f}, {3f}, {4f}}).reshape(2, 2);
        DataSet batch = new DataSet(features, labels);

        DataSet read = MinibatchFile.read(MinibatchFile.save(batch, dir.toString(), "b-0.bin", CONF), CONF);

        assertEquals(batch.getFeatures(), read.getFeatures());
        assertArrayEquals(new long[] {2, 4, 3}, read.getFeatures().shape());
        assertEquals(batch.getLabels(), read.getLabels());
        assertNull(read.getFeaturesMaskArray());
        assertNull(read.getLabelsMaskArray());
    }

    @Test
    void sequencesRoundTripWithMasksThroughAHadoopUri() throws IOException {
        INDArray features = Nd4j.rand(DataType.FLOAT, 3, 2, 5);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 3, 1, 5);
        INDArray featuresMask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1, 1}, {0, 0, 1, 1, 1}, {0, 0, 0, 0, 1}});
        INDArray labelsMask = featuresMask.dup();
        DataSet batch = new DataSet(features, labels, featuresMask, labelsMask);

        String path = MinibatchFile.save(batch, dir.toUri().toString() + "nested/dir", "s-0.bin", CONF);
        assertTrue(Files.exists(dir.resolve("nested/dir/s-0.bin")), path);
        DataSet read = new MinibatchFile(CONF).load(new LocalFileSourceFactory()
                .getSource(dir.resolve("nested/dir/s-0.bin").toString()));

        assertEquals(features, read.getFeatures());
        assertEquals(labels, read.getLabels());
        assertEquals(featuresMask, read.getFeaturesMaskArray());
        assertEquals(labelsMask, read.getLabelsMaskArray());
    }

    @Test
    void aTruncatedOrForeignFileIsAnErrorNamingIt() throws IOException {
        DataSet batch = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 1, 3),
                Nd4j.zeros(DataType.FLOAT, 2, 1));
        Path file = Path.of(MinibatchFile.save(batch, dir.toString(), "t.bin", CONF));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        IOException truncated = assertThrows(IOException.class, () -> MinibatchFile.read(file.toString(), CONF));
        assertTrue(truncated.getMessage().contains("truncated") && truncated.getMessage().contains("t.bin"),
                truncated.getMessage());

        Path foreign = Files.write(dir.resolve("f.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IOException notOurs = assertThrows(IOException.class, () -> MinibatchFile.read(foreign.toString(), CONF));
        assertTrue(notOurs.getMessage().contains("f.bin"), notOurs.getMessage());
    }
}

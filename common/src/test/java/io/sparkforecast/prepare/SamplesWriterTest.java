package io.sparkforecast.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.features.WindowSample;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.SparkTestSession;
import org.apache.spark.util.SerializableConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare's own Parquet writer against Spark's partitioned write of the same samples. */
class SamplesWriterTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SamplesWriterTest");
    }


    private static final SeriesPreparation PREPARATION = new SeriesPreparation(TestWindows.encoder(3, 2, 0),
            new TimeSplit(new SplitSpec(0.6, 0.2)), GapPolicy.SPLIT, Frequency.parse("P1D"),
            List.of(SeriesColumns.VALUE), 0.6);

    private static List<SeriesRows> series() {
        List<SeriesRows> series = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            double[] values = new double[12 + 7 * s];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sin(i * 0.7 + s) * (s + 1) + i * 0.1;
            }
            series.add(TestWindows.daily("series-" + s, values));
        }
        series.add(TestWindows.daily("too-short", 1, 2, 3));
        return series;
    }

    private static Dataset<Row> sorted(Dataset<Row> table) {
        return table.orderBy(SeriesColumns.SERIES_ID, SamplesTable.WINDOW_END_TS);
    }

    @Test
    void writesWhatSparksPartitionedWriteWritesOnceAndRemovesAbandonedAttempts() throws IOException {
        JavaRDD<SeriesRows> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(series(), 3);
        String ours = dir.resolve("ours").toString();
        // A failed attempt's hidden file, left where the next attempt writes.
        Path leftover = dir.resolve("ours/split=train/.attempt-0-part-00001.snappy.parquet");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "partial");

        SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        SamplesWriter.write(rdd, PREPARATION, ours, conf);
        // Every task again, as retries or speculative copies would: the committed files stay, nothing doubles.
        SamplesWriter.write(rdd, PREPARATION, ours, conf);

        List<Row> expectedRows = new ArrayList<>();
        for (SeriesRows rows : series()) {
            PREPARATION.prepare(rows).samples().forEachRemaining(s -> expectedRows.add(RowFactory.create(s.seriesId(),
                    s.windowEnd(), s.features(), s.target(), s.split())));
        }
        String spark = dir.resolve("spark").toString();
        SamplesWriterTest.spark.createDataFrame(expectedRows, SamplesTable.SCHEMA).write().mode(SaveMode.Overwrite)
                .partitionBy(SamplesTable.SPLIT).parquet(spark);

        Dataset<Row> written = SamplesWriterTest.spark.read().parquet(ours);
        Dataset<Row> expected = SamplesWriterTest.spark.read().parquet(spark);
        assertEquals(expected.schema(), written.schema());
        assertEquals(expected.count(), written.count());
        assertTrue(expected.count() > 30, "samples of every long-enough series");
        assertEquals(sorted(expected).collectAsList(), sorted(written).collectAsList());
        assertFalse(Files.exists(leftover));
        try (Stream<Path> files = Files.walk(dir.resolve("ours"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(name -> name.contains("attempt") || name.startsWith("_")).toList());
        }
    }

    @Test
    void rowGroupsEndNearTheirSizeAndReadBackWhole() throws IOException {
        List<WindowSample> samples = new ArrayList<>();
        for (SeriesRows rows : series()) {
            PREPARATION.prepare(rows).samples().forEachRemaining(samples::add);
        }
        List<WindowSample> many = new ArrayList<>();
        for (int copy = 0; copy < 20; copy++) {
            many.addAll(samples);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("small-groups.parquet").toString());
        try (SamplesFile out = new SamplesFile(HadoopOutputFile.fromPath(file, conf), conf, 4096)) {
            for (WindowSample sample : many) {
                out.write(sample);
            }
        }

        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            List<BlockMetaData> groups = reader.getFooter().getBlocks();
            assertTrue(groups.size() > 3, groups.size() + " row groups");
            assertEquals(many.size(), groups.stream().mapToLong(BlockMetaData::getRowCount).sum());
        }
        List<Row> read = spark.read().parquet(file.toString()).collectAsList();
        assertEquals(many.size(), read.size());
        for (int i = 0; i < many.size(); i++) {
            WindowSample expected = many.get(i);
            Row row = read.get(i);
            assertEquals(expected.seriesId(), row.getString(0));
            assertEquals(expected.windowEnd(), row.get(1));
            assertArrayEquals(expected.features(), SamplesTable.toFloats(row.getList(2)));
            assertArrayEquals(expected.target(), SamplesTable.toFloats(row.getList(3)));
        }
    }
}

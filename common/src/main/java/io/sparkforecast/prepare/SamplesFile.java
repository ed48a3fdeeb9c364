package io.sparkforecast.prepare;

import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.WindowSample;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One Parquet file of the samples table, laid out as Spark writes {@link SamplesTable#SCHEMA}
 * (the split is the directory), each value handed straight to its column writer with its
 * repetition and definition levels. Spark's writer converts every Row and boxes an index per
 * array element, and parquet-mr's record API tracks fields per element; the arrays are most of
 * the table.
 */
final class SamplesFile implements Closeable {
    /** Where Spark keeps a file's schema; its readers take the column types from it. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    /** Spark's default row group size. */
    static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;
    private static final int MAX_PADDING_BYTES = 8 * 1024 * 1024;
    private static final String ELEMENT = "element";
    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SeriesColumns.SERIES_ID)
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
            .named(SamplesTable.WINDOW_END_TS)
            .addField(floatList(SamplesTable.FEATURES))
            .addField(floatList(SamplesTable.TARGET))
            .named("spark_schema");
    /**
     * Spark's defaults (dictionaries, snappy), but scaled values, too distinct for a dictionary,
     * written plain, by {@link PlainFloatWriter}.
     */
    private static final ParquetProperties PROPERTIES = ParquetProperties.builder()
            .withValuesWriterFactory(new PlainFloatWriter.Factory())
            .withDictionaryEncoding(true)
            .withDictionaryEncoding(SamplesTable.FEATURES + ".list." + ELEMENT, false)
            .withDictionaryEncoding(SamplesTable.TARGET + ".list." + ELEMENT, false)
            .build();

    private final long rowGroupBytes;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final CodecFactory.BytesCompressor compressor;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private ColumnWriter seriesIds;
    private ColumnWriter windowEnds;
    private ColumnWriter features;
    private ColumnWriter targets;
    private long rows;
    private long rowsAtNextSizeCheck;
    private String lastSeriesId;
    private Binary lastSeriesIdBytes;

    SamplesFile(OutputFile out, Configuration conf, long rowGroupBytes) throws IOException {
        this.rowGroupBytes = rowGroupBytes;
        file = new ParquetFileWriter(out, SCHEMA, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes,
                MAX_PADDING_BYTES, PROPERTIES.getColumnIndexTruncateLength(),
                PROPERTIES.getStatisticsTruncateLength(), PROPERTIES.getPageWriteChecksumEnabled());
        file.start();
        codecs = new CodecFactory(conf, PROPERTIES.getPageSizeThreshold());
        compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
        startRowGroup();
    }

    private static Type floatList(String name) {
        return Types.requiredList().requiredElement(PrimitiveTypeName.FLOAT).named(name);
    }

    /** The samples table's columns stored in each file (all but the split). */
    static StructType fileColumns() {
        return new StructType(Arrays.stream(SamplesTable.SCHEMA.fields())
                .filter(field -> !field.name().equals(SamplesTable.SPLIT)).toArray(StructField[]::new));
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, SCHEMA, PROPERTIES.getAllocator(),
                PROPERTIES.getColumnIndexTruncateLength(), PROPERTIES.getPageWriteChecksumEnabled());
        columns = PROPERTIES.newColumnWriteStore(SCHEMA, pages);
        seriesIds = columns.getColumnWriter(column(SeriesColumns.SERIES_ID));
        windowEnds = columns.getColumnWriter(column(SamplesTable.WINDOW_END_TS));
        features = columns.getColumnWriter(column(SamplesTable.FEATURES, "list", ELEMENT));
        targets = columns.getColumnWriter(column(SamplesTable.TARGET, "list", ELEMENT));
        rows = 0;
        rowsAtNextSizeCheck = 100;
    }

    private static ColumnDescriptor column(String... path) {
        return SCHEMA.getColumnDescription(path);
    }

    void write(WindowSample sample) throws IOException {
        seriesIds.write(seriesIdBytes(sample.seriesId()), 0, 0);
        windowEnds.write(SeriesRows.micros(sample.windowEnd()), 0, 0);
        writeList(features, sample.features());
        writeList(targets, sample.target());
        columns.endRecord();
        if (++rows >= rowsAtNextSizeCheck) {
            checkRowGroupSize();
        }
    }

    /** Levels of a required list of required floats: the first element repeats at 0, the others at 1; an empty list is a null at level 0. */
    private static void writeList(ColumnWriter column, float[] values) {
        if (values.length == 0) {
            column.writeNull(0, 0);
            return;
        }
        column.write(values[0], 0, 1);
        for (int i = 1; i < values.length; i++) {
            column.write(values[i], 1, 1);
        }
    }

    /** A series' samples come one after another: its id is encoded once. */
    private Binary seriesIdBytes(String seriesId) {
        if (!seriesId.equals(lastSeriesId)) {
            lastSeriesId = seriesId;
            lastSeriesIdBytes = Binary.fromString(seriesId);
        }
        return lastSeriesIdBytes;
    }

    /** Ends the row group near its target size, estimating when to look again as parquet-mr does. */
    private void checkRowGroupSize() throws IOException {
        long buffered = columns.getBufferedSize();
        long rowBytes = Math.max(1, buffered / rows);
        if (buffered > rowGroupBytes - 2 * rowBytes) {
            flushRowGroup();
            startRowGroup();
        } else {
            rowsAtNextSizeCheck = Math.min(Math.max(100, (rows + rowGroupBytes / rowBytes) / 2), rows + 10_000);
        }
    }

    private void flushRowGroup() throws IOException {
        if (rows > 0) {
            file.startBlock(rows);
            columns.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
        }
        columns.close();
    }

    @Override
    public void close() throws IOException {
        try {
            flushRowGroup();
            file.end(Map.of(SPARK_SCHEMA_KEY, fileColumns().json()));
        } finally {
            codecs.release();
        }
    }
}

package io.sparkforecast.data;

import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes {@link WindowSample}s as the samples table's Parquet rows, in the layout Spark itself
 * writes for {@link SamplesTable#SCHEMA} (the split is the directory): Spark's own writer boxes
 * an index per array element and needs Rows converted and sorted by split, a third of prepare.
 */
final class SampleWriteSupport extends WriteSupport<WindowSample> {
    /** Where Spark keeps a file's schema; its readers take the column types from it. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SeriesColumns.SERIES_ID)
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
            .named(SamplesTable.WINDOW_END_TS)
            .addField(floatList(SamplesTable.FEATURES))
            .addField(floatList(SamplesTable.TARGET))
            .named("spark_schema");
    private static final String LIST = "list";
    private static final String ELEMENT = "element";

    private RecordConsumer out;
    private String lastSeriesId;
    private Binary lastSeriesIdBytes;

    private static Type floatList(String name) {
        return Types.requiredList().requiredElement(PrimitiveTypeName.FLOAT).named(name);
    }

    /** The samples table's columns stored in each file (all but the split). */
    static StructType fileColumns() {
        return new StructType(Arrays.stream(SamplesTable.SCHEMA.fields())
                .filter(field -> !field.name().equals(SamplesTable.SPLIT)).toArray(StructField[]::new));
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(SCHEMA, Map.of(SPARK_SCHEMA_KEY, fileColumns().json()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        out = recordConsumer;
    }

    @Override
    public void write(WindowSample sample) {
        out.startMessage();
        out.startField(SeriesColumns.SERIES_ID, 0);
        out.addBinary(seriesIdBytes(sample.seriesId()));
        out.endField(SeriesColumns.SERIES_ID, 0);
        out.startField(SamplesTable.WINDOW_END_TS, 1);
        out.addLong(SeriesRows.micros(sample.windowEnd()));
        out.endField(SamplesTable.WINDOW_END_TS, 1);
        writeList(SamplesTable.FEATURES, 2, sample.features());
        writeList(SamplesTable.TARGET, 3, sample.target());
        out.endMessage();
    }

    /** A series' samples come one after another: its id is encoded once. */
    private Binary seriesIdBytes(String seriesId) {
        if (!seriesId.equals(lastSeriesId)) {
            lastSeriesId = seriesId;
            lastSeriesIdBytes = Binary.fromString(seriesId);
        }
        return lastSeriesIdBytes;
    }

    private void writeList(String name, int index, float[] values) {
        out.startField(name, index);
        out.startGroup();
        if (values.length > 0) {
            out.startField(LIST, 0);
            for (float value : values) {
                out.startGroup();
                out.startField(ELEMENT, 0);
                out.addFloat(value);
                out.endField(ELEMENT, 0);
                out.endGroup();
            }
            out.endField(LIST, 0);
        }
        out.endGroup();
        out.endField(name, index);
    }
}

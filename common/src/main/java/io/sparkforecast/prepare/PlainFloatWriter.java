package io.sparkforecast.prepare;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A page's floats in Parquet's PLAIN encoding (4 bytes each, little-endian), the bytes
 * parquet-mr's own plain writer gives, stored with one array write per value: parquet-mr's
 * writes each value a byte at a time through two streams, a tenth of prepare's sample writing
 * for the samples table's 300M floats per 10M rows.
 */
final class PlainFloatWriter extends ValuesWriter {
    private static final VarHandle LITTLE_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes;
    private int size;

    PlainFloatWriter(int initialBytes) {
        bytes = new byte[Math.max(16, initialBytes)];
    }

    @Override
    public void writeFloat(float value) {
        if (size + Float.BYTES > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + Float.BYTES));
        }
        // floatToIntBits, as parquet-mr's writer: one bit pattern for every NaN
        LITTLE_ENDIAN_INT.set(bytes, size, Float.floatToIntBits(value));
        size += Float.BYTES;
    }

    @Override
    public long getBufferedSize() {
        return size;
    }

    /** The page's bytes; valid until the next write (the column writer compresses them before that). */
    @Override
    public BytesInput getBytes() {
        return BytesInput.from(bytes, 0, size);
    }

    @Override
    public Encoding getEncoding() {
        return Encoding.PLAIN;
    }

    @Override
    public void reset() {
        size = 0;
    }

    @Override
    public long getAllocatedSize() {
        return bytes.length;
    }

    @Override
    public String memUsageString(String prefix) {
        return prefix + " PlainFloatWriter " + size + " bytes of " + bytes.length;
    }

    /** parquet-mr's writers, but this one for float columns written without a dictionary. */
    static final class Factory implements ValuesWriterFactory {
        private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
        private ParquetProperties properties;

        @Override
        public void initialize(ParquetProperties properties) {
            this.properties = properties;
            defaults.initialize(properties);
        }

        @Override
        public ValuesWriter newValuesWriter(ColumnDescriptor column) {
            if (column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT
                    && !properties.isDictionaryEnabled(column)) {
                return new PlainFloatWriter(properties.getInitialSlabSize());
            }
            return defaults.newValuesWriter(column);
        }
    }
}

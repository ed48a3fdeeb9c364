package io.sparkforecast.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.junit.jupiter.api.Test;

/** The float writer's pages are byte for byte parquet-mr's plain pages, page after page. */
class PlainFloatWriterTest {

    @Test
    void pagesAreTheBytesOfParquetMrsPlainWriter() throws IOException {
        Random random = new Random(4);
        PlainFloatWriter ours = new PlainFloatWriter(16); // small, so that it grows
        PlainValuesWriter theirs = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
        float[] special = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE};
        for (int page = 0; page < 5; page++) {
            int values = page * 3_000;
            for (int i = 0; i < values; i++) {
                float value = i % 50 == 0 ? special[i / 50 % special.length] : (float) random.nextGaussian() * 1e3f;
                ours.writeFloat(value);
                theirs.writeFloat(value);
            }
            assertEquals(theirs.getBufferedSize(), ours.getBufferedSize());
            assertArrayEquals(theirs.getBytes().toByteArray(), ours.getBytes().toByteArray(), "page " + page);
            assertEquals(theirs.getEncoding(), ours.getEncoding());
            ours.reset();
            theirs.reset();
        }
    }
}

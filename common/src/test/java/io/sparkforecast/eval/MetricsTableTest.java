package io.sparkforecast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsTableTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("MetricsTableTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Row forecast(String series, int day, double actual, double prediction) {
        return RowFactory.create(series, "model", LocalDateTime.of(2020, 1, day, 0, 0), actual, prediction);
    }

    @Test
    void metricsPerSeriesAndOverallMatchHandComputedValues() {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(MetricsTable.METHOD, DataTypes.StringType)
                .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType)
                .add(MetricsTable.ACTUAL, DataTypes.DoubleType)
                .add(MetricsTable.PREDICTION, DataTypes.DoubleType);
        Dataset<Row> forecasts = spark.createDataFrame(List.of(
                forecast("a", 1, 100, 110),   // error 10, ape 10%
                forecast("a", 2, 200, 170),   // error -30, ape 15%
                forecast("b", 1, 0, 4),       // error 4, no ape (actual 0)
                forecast("b", 3, 50, 50)), schema);

        List<Row> rows = MetricsTable.complete(MetricsTable.aggregate(forecasts), "m", "v1", "test", 1)
                .orderBy(SeriesColumns.SERIES_ID).collectAsList();

        assertEquals(3, rows.size());
        Row overall = rows.get(0);
        assertNull(overall.get(overall.fieldIndex(SeriesColumns.SERIES_ID)));
        assertMetrics(overall, 4, Math.sqrt((100 + 900 + 16 + 0) / 4.0), (10 + 30 + 4 + 0) / 4.0, (10 + 15 + 0) / 3.0);
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), overall.get(overall.fieldIndex(MetricsTable.FIRST_TARGET_TS)));
        assertEquals(LocalDateTime.of(2020, 1, 3, 0, 0), overall.get(overall.fieldIndex(MetricsTable.LAST_TARGET_TS)));

        assertMetrics(rows.get(1), 2, Math.sqrt(500), 20, 12.5);
        assertMetrics(rows.get(2), 2, Math.sqrt(8), 2, 0);
        assertEquals("v1", rows.get(1).getString(rows.get(1).fieldIndex(MetricsTable.MODEL_VERSION)));
        assertEquals(List.of(MetricsTable.SCHEMA.fieldNames()), List.of(rows.get(0).schema().fieldNames()));
    }

    private static void assertMetrics(Row row, long targets, double rmse, double mae, double mape) {
        assertEquals(targets, row.getLong(row.fieldIndex(MetricsTable.TARGETS)));
        assertEquals(rmse, row.getDouble(row.fieldIndex(MetricsTable.RMSE)), 1e-9);
        assertEquals(mae, row.getDouble(row.fieldIndex(MetricsTable.MAE)), 1e-9);
        assertEquals(mape, row.getDouble(row.fieldIndex(MetricsTable.MAPE)), 1e-9);
    }
}

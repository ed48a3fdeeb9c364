package io.sparkforecast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsTableTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("MetricsTableTest");
    }


    private static Row forecast(String series, int horizon, int day, double actual, double prediction, Double scale) {
        return forecast(series, horizon, day, actual, prediction, scale, "test");
    }

    private static Row forecast(String series, int horizon, int day, double actual, double prediction, Double scale,
                                String split) {
        return RowFactory.create(series, "model", horizon, LocalDateTime.of(2020, 1, day, 0, 0), actual, prediction,
                scale, split);
    }

    private static List<Row> metrics() {
        return metrics(List.of(
                forecast("a", 1, 1, 100, 110, 20.0),   // error 10, ape 10%, sape 2*10/210, scaled 0.5
                forecast("a", 2, 2, 200, 170, 20.0),   // error -30, ape 15%, sape 60/370, scaled 1.5
                forecast("b", 1, 1, 0, 4, null),       // error 4, no ape (actual 0), sape 200%, no scale
                forecast("b", 1, 3, 50, 50, null),
                forecast("a", 1, 4, 10, 13, 20.0, "validation")));
    }

    private static List<Row> metrics(List<Row> rows) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(MetricsTable.METHOD, DataTypes.StringType)
                .add(MetricsTable.HORIZON, DataTypes.IntegerType)
                .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType)
                .add(MetricsTable.ACTUAL, DataTypes.DoubleType)
                .add(MetricsTable.PREDICTION, DataTypes.DoubleType)
                .add(MetricsTable.SCALE, DataTypes.DoubleType)
                .add(MetricsTable.SPLIT, DataTypes.StringType);
        Dataset<Row> forecasts = spark.createDataFrame(rows, schema);
        return MetricsTable.complete(MetricsTable.aggregate(forecasts), "m", "v1").collectAsList();
    }

    private static List<Row> split(List<Row> rows, String split) {
        return rows.stream().filter(r -> r.getAs(MetricsTable.SPLIT).equals(split)).toList();
    }

    private static Row find(List<Row> rows, String series, Integer horizon) {
        return rows.stream().filter(r -> Objects.equals(r.getAs(SeriesColumns.SERIES_ID), series)
                && Objects.equals(r.getAs(MetricsTable.HORIZON), horizon)).findFirst().orElseThrow();
    }

    @Test
    void metricsPerSeriesHorizonAndOverallMatchHandComputedValues() {
        List<Row> all = metrics();
        List<Row> validation = split(all, "validation");
        // (a, all) x (h1, all), apart from the test rows.
        assertEquals(4, validation.size());
        assertMetrics(find(validation, "a", null), 1, 3, 3, 30);
        List<Row> rows = split(all, "test");
        // (a, b, all) x (h1, h2, all) without (b, h2): 8 rows.
        assertEquals(8, rows.size());

        Row overall = find(rows, null, null);
        assertMetrics(overall, 4, Math.sqrt((100 + 900 + 16 + 0) / 4.0), (10 + 30 + 4 + 0) / 4.0, (10 + 15 + 0) / 3.0);
        assertEquals((2 * 10.0 / 210 + 60.0 / 370 + 2.0 + 0.0) / 4 * 100, overall.<Double>getAs(MetricsTable.SMAPE), 1e-9);
        assertEquals((0.5 + 1.5) / 2, overall.<Double>getAs(MetricsTable.MASE), 1e-9);
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), overall.getAs(MetricsTable.FIRST_TARGET_TS));
        assertEquals(LocalDateTime.of(2020, 1, 3, 0, 0), overall.getAs(MetricsTable.LAST_TARGET_TS));

        assertMetrics(find(rows, "a", null), 2, Math.sqrt(500), 20, 12.5);
        assertMetrics(find(rows, "b", null), 2, Math.sqrt(8), 2, 0);
        assertNull(find(rows, "b", null).getAs(MetricsTable.MASE));
        assertMetrics(find(rows, null, 1), 3, Math.sqrt(116 / 3.0), 14 / 3.0, 10 / 2.0);
        assertMetrics(find(rows, "a", 2), 1, 30, 30, 15);
        assertEquals("v1", find(rows, null, 2).getAs(MetricsTable.MODEL_VERSION));
        assertEquals(List.of(MetricsTable.SCHEMA.fieldNames()), List.of(rows.get(0).schema().fieldNames()));
    }

    @Test
    void errorsNearTheLargestDoublesDoNotOverflow() {
        // Squared, these errors are 1e600: without scaling the sum is Infinity.
        List<Row> rows = split(metrics(List.of(
                forecast("huge", 1, 1, 1e300, 3e300, 1e300),
                forecast("huge", 1, 2, -1e300, -3e300, 1e300),
                forecast("small", 1, 1, 1, 4, 1.0))), "test");
        Row huge = find(rows, "huge", null);
        assertEquals(2e300, huge.<Double>getAs(MetricsTable.RMSE), 1e286);
        assertEquals(2e300, huge.<Double>getAs(MetricsTable.MAE), 1e286);
        assertEquals(200, huge.<Double>getAs(MetricsTable.MAPE), 1e-9);
        assertEquals(2, huge.<Double>getAs(MetricsTable.MASE), 1e-9);
        Row overall = find(rows, null, null);
        assertEquals(Math.sqrt(8.0 / 3) * 1e300, overall.<Double>getAs(MetricsTable.RMSE), 1e286);
        assertEquals(3, find(rows, "small", null).<Double>getAs(MetricsTable.RMSE), 1e-9);
    }

    @Test
    void theReportSpellsOutNonFiniteMetricsWithAWarningAndShortensHugeOnes() {
        assertEquals("Infinity", MetricsReport.decimal(Double.POSITIVE_INFINITY, 4));
        assertEquals("NaN", MetricsReport.decimal(Double.NaN, 4));
        assertEquals("2.0000e+300", MetricsReport.decimal(2e300, 4));
        assertEquals("15.5580", MetricsReport.decimal(15.558, 4));
        StructType schema = new StructType().add(MetricsTable.METHOD, DataTypes.StringType)
                .add(MetricsTable.HORIZON, DataTypes.IntegerType).add(MetricsTable.TARGETS, DataTypes.LongType)
                .add(MetricsTable.RMSE, DataTypes.DoubleType).add(MetricsTable.MAE, DataTypes.DoubleType)
                .add(MetricsTable.MAPE, DataTypes.DoubleType).add(MetricsTable.SMAPE, DataTypes.DoubleType)
                .add(MetricsTable.MASE, DataTypes.DoubleType);
        Row infinite = new GenericRowWithSchema(new Object[] {"model", null, 3L, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, null, null, null}, schema);
        String report = MetricsReport.format("title", List.of(infinite), 1);
        assertTrue(report.contains("Infinity") && report.contains("WARNING: metrics of model are not finite"), report);
    }

    private static void assertMetrics(Row row, long targets, double rmse, double mae, double mape) {
        assertEquals(targets, row.<Long>getAs(MetricsTable.TARGETS));
        assertEquals(rmse, row.<Double>getAs(MetricsTable.RMSE), 1e-9);
        assertEquals(mae, row.<Double>getAs(MetricsTable.MAE), 1e-9);
        assertEquals(mape, row.<Double>getAs(MetricsTable.MAPE), 1e-9);
    }
}

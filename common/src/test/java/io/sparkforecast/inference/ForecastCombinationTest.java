package io.sparkforecast.inference;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.spark.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ForecastCombinationTest {
    /** model, ets, baseline, the combination. */
    private static final double[][] CASES = {
        {10, 13, 7, 10},
        // An untrained network forecasts its baseline: ETS and the baseline weigh alike.
        {7, 13, 7, 10},
        {1e6 * (1 + 1e-12), 2e6, 1e6, 1.5e6},
        {0, 3, 0, 1.5},
        // Close, but not the baseline: three forecasts.
        {7.001, 13, 7, (7.001 + 13 + 7) / 3},
    };

    @Test
    void theMeanOfTheDistinctForecasts() {
        for (double[] c : CASES) {
            assertEquals(c[3], ForecastCombination.of(c[0], c[1], c[2]), 1e-9, java.util.Arrays.toString(c));
        }
    }

    @Test
    void evaluatesColumnsAsScoreEvaluatesNumbers() {
        SparkSession spark = SparkTestSession.start("ForecastCombinationTest");
        StructType schema = new StructType().add("model", DataTypes.DoubleType).add("ets", DataTypes.DoubleType)
                .add("baseline", DataTypes.DoubleType);
        List<Row> rows = java.util.Arrays.stream(CASES).map(c -> RowFactory.create(c[0], c[1], c[2])).toList();
        List<Row> combined = spark.createDataFrame(rows, schema)
                .select(ForecastCombination.of(col("model"), col("ets"), col("baseline"))).collectAsList();
        for (int i = 0; i < CASES.length; i++) {
            assertEquals(ForecastCombination.of(CASES[i][0], CASES[i][1], CASES[i][2]), combined.get(i).getDouble(0));
        }
    }
}

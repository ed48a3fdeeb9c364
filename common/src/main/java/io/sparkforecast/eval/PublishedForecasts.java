package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.input.SeriesColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The backtest of what score publishes with score.fallback = best_baseline: per series and
 * horizon, the forecasts of the method chosen on validation (the model where there is no choice),
 * as method "published".
 */
public final class PublishedForecasts {
    private static final String CHOSEN = "chosen_method";

    private PublishedForecasts() {
    }

    /**
     * @param forecasts backtest forecasts of every method (one split)
     * @param choices   series_id, horizon, method: what score publishes per series and horizon
     */
    public static Dataset<Row> of(Dataset<Row> forecasts, Dataset<Row> choices) {
        String[] columns = forecasts.columns();
        return forecasts
                .join(choices.withColumnRenamed(FallbackTable.METHOD, CHOSEN),
                        new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON}, "left")
                .filter(col(MetricsTable.METHOD).equalTo(coalesce(col(CHOSEN), lit(ForecastMethod.MODEL.code()))))
                .withColumn(MetricsTable.METHOD, lit(ForecastMethod.PUBLISHED.code()))
                .selectExpr(columns);
    }
}

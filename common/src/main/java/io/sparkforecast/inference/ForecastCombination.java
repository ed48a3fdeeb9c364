package io.sparkforecast.inference;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The combination's forecast ({@link ForecastMethod#COMBINED}): the mean of the distinct forecasts
 * among the model's, ETS's and the series' best baseline's. An untrained residual network forecasts
 * its baseline; where that is the series' best baseline too, the mean of all three would weigh the
 * naive rule twice. Evaluate (in Spark SQL) and score (per window) compute it by the same code.
 */
public final class ForecastCombination {
    /** Relative difference under which the model's forecast is the baseline's. */
    private static final double SAME = 1e-9;
    private static final UserDefinedFunction COLUMNS = functions.udf(
            (UDF3<Double, Double, Double, Double>) (model, ets, baseline) -> of(model, ets, baseline),
            DataTypes.DoubleType).asNonNullable();

    private ForecastCombination() {
    }

    public static double of(double model, double ets, double baseline) {
        return Math.abs(model - baseline) <= SAME * Math.max(1, Math.abs(baseline))
                ? (ets + baseline) / 2 : (model + ets + baseline) / 3;
    }

    /** {@link #of(double, double, double)} of three non-null columns. */
    public static Column of(Column model, Column ets, Column baseline) {
        return COLUMNS.apply(model, ets, baseline);
    }
}

package io.sparkforecast.inference;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The combination's forecast ({@link ForecastMethod#COMBINED}): the mean of the distinct forecasts
 * among the model's, ETS's and the series' best baseline's. An untrained residual network forecasts
 * its baseline; where that is the series' best baseline too, the mean of all three would weigh the
 * naive rule twice. Evaluate (in Spark SQL) and score (per window) compute it here, the same way.
 */
public final class ForecastCombination {
    /** Relative difference under which the model's forecast is the baseline's. */
    private static final double SAME = 1e-9;

    private ForecastCombination() {
    }

    public static double of(double model, double ets, double baseline) {
        return Math.abs(model - baseline) <= SAME * Math.max(1, Math.abs(baseline))
                ? (ets + baseline) / 2 : (model + ets + baseline) / 3;
    }

    /** {@link #of(double, double, double)} of three columns. */
    public static Column of(Column model, Column ets, Column baseline) {
        return when(abs(model.minus(baseline)).leq(greatest(lit(1.0), abs(baseline)).multiply(SAME)),
                ets.plus(baseline).divide(2)).otherwise(model.plus(ets).plus(baseline).divide(3));
    }
}

package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class EtsBoundsTest {
    private static final EtsSpec ADDITIVE_SEASON = new EtsSpec(EtsSpec.Error.ADDITIVE, EtsSpec.Trend.NONE,
            EtsSpec.Season.ADDITIVE, 12);

    @Test
    void theSchurCohnTestAgreesWithTheRootsOfRandomPolynomials() {
        Random random = new Random(7);
        int agreed = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int degree = 2 + random.nextInt(12);
            double[] coefficients = new double[degree + 1];
            for (int i = 0; i < degree; i++) {
                coefficients[i] = random.nextGaussian() * Math.pow(0.6, degree - i);
            }
            coefficients[degree] = 1;
            double largest = largestRoot(coefficients);
            if (Math.abs(largest - 1) < 1e-6) {
                continue;
            }
            assertEquals(largest < 1, EtsBounds.rootsWithin(coefficients, 1), "largest root " + largest);
            agreed++;
        }
        assertTrue(agreed > 1900);
    }

    @Test
    void rootsOnTheUnitCircleAreWithinItsTolerance() {
        // (z - 1)(z + 0.5): a root at exactly 1.
        assertTrue(EtsBounds.rootsWithin(new double[] {-0.5, -0.5, 1}, 1 + 1e-10));
        assertFalse(EtsBounds.rootsWithin(new double[] {-0.5, -0.5, 1}, 1 - 1e-10));
    }

    @Test
    void itKeepsRsUsualBoundsAndRejectsAnUnforecastableSeason() {
        assertTrue(EtsBounds.accept(ADDITIVE_SEASON, 0.2, 0, 0.1, 1));
        assertFalse(EtsBounds.accept(ADDITIVE_SEASON, 0.00005, 0, 0.1, 1));
        assertFalse(EtsBounds.accept(ADDITIVE_SEASON, 0.5, 0, 0.6, 1));
        EtsSpec damped = new EtsSpec(EtsSpec.Error.ADDITIVE, EtsSpec.Trend.DAMPED, EtsSpec.Season.NONE, 1);
        assertTrue(EtsBounds.accept(damped, 0.5, 0.1, 0, 0.9));
        assertFalse(EtsBounds.accept(damped, 0.5, 0.6, 0, 0.9));
        assertFalse(EtsBounds.accept(damped, 0.5, 0.1, 0, 0.99));
        // Within the usual bounds and the simple conditions, yet a root of its characteristic
        // polynomial lies just outside the unit circle (1.00019; numpy's roots).
        EtsSpec dampedSeason = new EtsSpec(EtsSpec.Error.ADDITIVE, EtsSpec.Trend.DAMPED, EtsSpec.Season.ADDITIVE, 4);
        double[] characteristic = {0.8 * (1 - 0.95 - 0.02), 0.95 + 0.95 - 0.95 * 0.8 + 0.02 - 1,
            0.95 + 0.95 - 0.95 * 0.8, 0.95 + 0.95 - 0.95 * 0.8, 0.95 + 0.95 - 0.8, 1};
        assertEquals(1.00019, largestRoot(characteristic), 1e-5);
        assertFalse(EtsBounds.accept(dampedSeason, 0.95, 0.95, 0.02, 0.8));
        assertTrue(EtsBounds.accept(dampedSeason, 0.95, 0.9, 0.02, 0.8));
    }

    private static double largestRoot(double[] coefficients) {
        int degree = coefficients.length - 1;
        double[][] companion = new double[degree][degree];
        for (int i = 0; i < degree; i++) {
            companion[0][i] = -coefficients[degree - 1 - i] / coefficients[degree];
            if (i > 0) {
                companion[i][i - 1] = 1;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(companion));
        double largest = 0;
        for (int i = 0; i < degree; i++) {
            largest = Math.max(largest, Math.hypot(eigen.getRealEigenvalues()[i], eigen.getImagEigenvalues()[i]));
        }
        return largest;
    }
}

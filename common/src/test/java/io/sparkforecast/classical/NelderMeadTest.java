package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Against R's optim(method = "Nelder-Mead") with its defaults (relative tolerance 1.49e-8), figures from R 4.x. */
class NelderMeadTest {
    private static final double R_TOLERANCE = Math.sqrt(Math.ulp(1.0));

    @Test
    void itStopsWhereRsOptimStopsOnRosenbrocksFunction() {
        // optim(c(-1.2, 1), fr): par 1.00026013872567 1.00050599930377, value 8.82524109672275e-08, 195 evaluations.
        ToDoubleFunction<double[]> rosenbrock = x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        NelderMead.Result result = NelderMead.minimise(rosenbrock, new double[] {-1.2, 1}, R_TOLERANCE, 500);
        assertArrayEquals(new double[] {1.00026013872567, 1.00050599930377}, result.point(), 1e-12);
        assertEquals(8.82524109672275e-08, result.value(), 1e-18);
        assertEquals(195, result.evaluations());
        assertTrue(result.converged());
    }

    @Test
    void itStopsAfterAsManyEvaluationsAsRsOptimWithItsBestPointSoFar() {
        // optim(c(10, -3, 0.5, 200), g, control = list(maxit = 100)): 101 evaluations, convergence 1.
        ToDoubleFunction<double[]> g = x -> Math.pow(x[0] - 1, 2) + Math.pow(x[1] - 2, 2) + Math.pow(x[2] - 3, 2)
                + Math.pow(x[3] - 4, 2) + Math.abs(x[0] * x[2]);
        NelderMead.Result result = NelderMead.minimise(g, new double[] {10, -3, 0.5, 200}, R_TOLERANCE, 100);
        assertArrayEquals(new double[] {0.146142559677037, 1.654236817168653, 3.151431598282899, 4.078505162553265},
                result.point(), 1e-12);
        assertEquals(1.33827757692273, result.value(), 1e-12);
        assertEquals(101, result.evaluations());
        assertFalse(result.converged());
    }

    @Test
    void infeasiblePointsCountAsVeryLargeButTheStartMustBeFeasible() {
        ToDoubleFunction<double[]> bounded = x -> x[0] < 0 ? Double.POSITIVE_INFINITY : Math.pow(x[0] - 0.001, 2);
        assertEquals(0.001, NelderMead.minimise(bounded, new double[] {0.5}, R_TOLERANCE, 500).point()[0], 1e-4);
        assertThrows(IllegalArgumentException.class,
                () -> NelderMead.minimise(bounded, new double[] {-1}, R_TOLERANCE, 500));
    }
}

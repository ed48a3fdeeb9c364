package io.sparkforecast.classical;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead simplex search as R's optim() runs it (Nash's variant, Compact Numerical
 * Methods, algorithm 19), which R's ets() uses to fit its models. Its details decide where the
 * search stops, and so the model: one step size for every coordinate (a tenth of the largest
 * start coordinate), a point where the function is not finite counts as a very large value,
 * reflection 1, contraction 0.5, expansion 2, the whole simplex shrunk towards its best point
 * when a contraction fails, and a stop once the simplex's values lie within a relative tolerance
 * of each other or the evaluations run out. commons-math3's simplex differs in these details and
 * stops elsewhere on the same function.
 */
public final class NelderMead {
    /** What a point where the function is not finite counts as. */
    private static final double BIG = 1.0e35;
    private static final double REFLECTION = 1.0;
    private static final double CONTRACTION = 0.5;
    private static final double EXPANSION = 2.0;

    /** The best point found, its value, the evaluations spent and whether the values converged. */
    public record Result(double[] point, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    /**
     * Minimises {@code function} from {@code start}: stops when the simplex's highest value is
     * within {@code relativeTolerance} (relative to the start's value) of its lowest, or after
     * about {@code maxEvaluations} evaluations.
     *
     * @throws IllegalArgumentException where the function is not finite at the start
     */
    public static Result minimise(ToDoubleFunction<double[]> function, double[] start, double relativeTolerance,
            int maxEvaluations) {
        int n = start.length;
        double first = function.applyAsDouble(start.clone());
        if (!Double.isFinite(first)) {
            throw new IllegalArgumentException("the function is not finite at the start point");
        }
        double tolerance = relativeTolerance * (Math.abs(first) + relativeTolerance);
        double[][] vertices = new double[n + 1][];
        double[] values = new double[n + 1];
        vertices[0] = start.clone();
        values[0] = first;
        double step = 0;
        for (double coordinate : start) {
            step = Math.max(step, 0.1 * Math.abs(coordinate));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j <= n; j++) {
            vertices[j] = start.clone();
            double trial = step;
            // A step too small to change the coordinate grows tenfold until it does.
            while (vertices[j][j - 1] == start[j - 1]) {
                vertices[j][j - 1] = start[j - 1] + trial;
                trial *= 10;
            }
            size += trial;
        }
        double previousSize = size;
        int evaluations = 1;
        int lowest = 0;
        boolean evaluateVertices = true;
        boolean converged = false;
        double[] centroid = new double[n];
        double[] trial = new double[n];
        do {
            if (evaluateVertices) {
                for (int j = 0; j <= n; j++) {
                    if (j != lowest) {
                        values[j] = finite(function.applyAsDouble(vertices[j].clone()));
                        evaluations++;
                    }
                }
                evaluateVertices = false;
            }
            double low = values[lowest];
            double high = low;
            int highest = lowest;
            for (int j = 0; j <= n; j++) {
                if (j != lowest) {
                    if (values[j] < low) {
                        lowest = j;
                        low = values[j];
                    }
                    if (values[j] > high) {
                        highest = j;
                        high = values[j];
                    }
                }
            }
            if (high <= low + tolerance) {
                converged = true;
                break;
            }
            for (int i = 0; i < n; i++) {
                double sum = -vertices[highest][i];
                for (int j = 0; j <= n; j++) {
                    sum += vertices[j][i];
                }
                centroid[i] = sum / n;
            }
            for (int i = 0; i < n; i++) {
                trial[i] = (1 + REFLECTION) * centroid[i] - REFLECTION * vertices[highest][i];
            }
            double reflected = finite(function.applyAsDouble(trial.clone()));
            evaluations++;
            if (reflected < low) {
                double[] reflectedPoint = trial.clone();
                for (int i = 0; i < n; i++) {
                    trial[i] = EXPANSION * reflectedPoint[i] + (1 - EXPANSION) * centroid[i];
                }
                double expanded = finite(function.applyAsDouble(trial.clone()));
                evaluations++;
                if (expanded < reflected) {
                    vertices[highest] = trial.clone();
                    values[highest] = expanded;
                } else {
                    vertices[highest] = reflectedPoint;
                    values[highest] = reflected;
                }
                continue;
            }
            if (reflected < high) {
                vertices[highest] = trial.clone();
                values[highest] = reflected;
            }
            for (int i = 0; i < n; i++) {
                trial[i] = (1 - CONTRACTION) * vertices[highest][i] + CONTRACTION * centroid[i];
            }
            double contracted = finite(function.applyAsDouble(trial.clone()));
            evaluations++;
            if (contracted < values[highest]) {
                vertices[highest] = trial.clone();
                values[highest] = contracted;
            } else if (reflected >= high) {
                // Nothing along the line through the worst point helps: shrink towards the best.
                evaluateVertices = true;
                size = 0;
                for (int j = 0; j <= n; j++) {
                    if (j != lowest) {
                        for (int i = 0; i < n; i++) {
                            vertices[j][i] = CONTRACTION * (vertices[j][i] - vertices[lowest][i]) + vertices[lowest][i];
                            size += Math.abs(vertices[j][i] - vertices[lowest][i]);
                        }
                    }
                }
                if (size >= previousSize) {
                    break;
                }
                previousSize = size;
            }
        } while (evaluations <= maxEvaluations);
        return new Result(vertices[lowest].clone(), values[lowest], evaluations, converged);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : BIG;
    }
}

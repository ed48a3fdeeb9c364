package io.sparkforecast.classical;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a series' ARIMA model as R's auto.arima(method = "CSS") does by default: the
 * differences first ({@link Differencing}), then a stepwise search (Hyndman and Khandakar 2008)
 * from four starting forms over neighbouring orders (p, q up to 5, P, Q up to 2, each also at
 * most a third of the series, in seasons for P and Q), with a constant where at most one
 * difference is taken, keeping the form of lowest AICc among those whose polynomials have no root
 * within 1.01 of the unit circle; at most 94 forms are fitted.
 */
public final class ArimaSelection {
    private static final int MAX_P = 5;
    private static final int MAX_Q = 5;
    private static final int MAX_SEASONAL = 2;
    private static final int MAX_MODELS = 94;

    private ArimaSelection() {
    }

    /** A fitted model and its AICc. */
    public record Choice(ArimaModel model, double aicc) {
    }

    /** The chosen model for {@code values} (NaN where missing); empty where no form could be fitted. */
    public static Optional<Choice> select(double[] values, int period) {
        double[] x = EtsEstimator.interpolated(values);
        int n = x.length;
        if (n < 3 || Arrays.stream(values).allMatch(Double::isNaN)) {
            return Optional.empty();
        }
        int m = period > 1 && n > 2 * period ? period : 1;
        int seasonalD = Differencing.seasonalDifferences(x, m);
        int d = Differencing.differences(seasonalD > 0 ? Differencing.difference(x, m) : x);
        int maxP = Math.min(MAX_P, n / 3);
        int maxQ = Math.min(MAX_Q, n / 3);
        int maxSeasonalP = m > 1 ? Math.min(MAX_SEASONAL, n / 3 / m) : 0;
        int maxSeasonalQ = maxSeasonalP;
        if (m > 1) {
            maxP = maxSeasonalP > 0 ? Math.min(maxP, m - 1) : maxP;
            maxQ = maxSeasonalQ > 0 ? Math.min(maxQ, m - 1) : maxQ;
        }
        Search search = new Search(x, new ArimaSpec(0, d, 0, 0, seasonalD, 0, m, false));
        boolean constant = d + seasonalD <= 1;
        int p = Math.min(n < 10 ? 1 : 2, maxP);
        int q = Math.min(n < 10 ? 1 : 2, maxQ);
        int sp = Math.min(n < 10 ? 0 : 1, maxSeasonalP);
        int sq = Math.min(n < 10 ? 0 : 1, maxSeasonalQ);
        int[] best = {p, q, sp, sq, constant ? 1 : 0};
        search.tryForm(best);
        search.tryForm(new int[] {0, 0, 0, 0, best[4]});
        if (maxP > 0 || maxSeasonalP > 0) {
            search.tryForm(new int[] {maxP > 0 ? 1 : 0, 0, m > 1 && maxSeasonalP > 0 ? 1 : 0, 0, best[4]});
        }
        if (maxQ > 0 || maxSeasonalQ > 0) {
            search.tryForm(new int[] {0, maxQ > 0 ? 1 : 0, 0, m > 1 && maxSeasonalQ > 0 ? 1 : 0, best[4]});
        }
        if (constant) {
            search.tryForm(new int[] {0, 0, 0, 0, 0});
        }
        int[][] moves = {{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1},
            {0, 0, 1, -1}, {0, 0, 1, 1}, {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0},
            {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
        int[] limits = {maxP, maxQ, maxSeasonalP, maxSeasonalQ};
        boolean improved = true;
        while (improved && search.fitted() < MAX_MODELS) {
            improved = false;
            int[] from = search.bestOrders();
            for (int[] move : moves) {
                int[] orders = from.clone();
                boolean inRange = true;
                for (int i = 0; i < 4; i++) {
                    orders[i] += move[i];
                    inRange &= orders[i] >= 0 && orders[i] <= limits[i];
                }
                if (inRange && search.fitted() < MAX_MODELS && search.tryForm(orders)) {
                    improved = true;
                    break;
                }
            }
            if (!improved && constant && search.fitted() < MAX_MODELS) {
                int[] toggled = search.bestOrders();
                toggled[4] = 1 - toggled[4];
                improved = search.tryForm(toggled);
            }
        }
        return search.best();
    }

    /** The forms tried so far and the best of them. */
    private static final class Search {
        private final double[] x;
        private final ArimaSpec differenced;
        private final Set<List<Integer>> tried = new HashSet<>();
        private Choice best;
        private int[] bestOrders;

        Search(double[] x, ArimaSpec differenced) {
            this.x = x;
            this.differenced = differenced;
        }

        int fitted() {
            return tried.size();
        }

        int[] bestOrders() {
            return bestOrders.clone();
        }

        Optional<Choice> best() {
            return Optional.ofNullable(best);
        }

        /** Fits the form (p, q, P, Q, constant) unless tried before; true where it is the new best. */
        boolean tryForm(int[] orders) {
            if (!tried.add(List.of(orders[0], orders[1], orders[2], orders[3], orders[4]))) {
                return false;
            }
            ArimaSpec spec = differenced.withOrders(orders[0], orders[1], orders[2], orders[3], orders[4] == 1);
            Optional<Choice> choice = ArimaEstimator.fit(spec, x).filter(ArimaModel::admissible)
                    .map(model -> new Choice(model, aicc(model, x.length)))
                    .filter(c -> Double.isFinite(c.aicc()));
            if (choice.isPresent() && (best == null || choice.get().aicc() < best.aicc())) {
                best = choice.get();
                bestOrders = orders.clone();
                return true;
            }
            if (bestOrders == null) {
                bestOrders = orders.clone();
            }
            return false;
        }
    }

    /**
     * The AICc as auto.arima states it for a conditional-sum-of-squares fit: n* log(the mean
     * squared error after the conditioning values) + 2k + 2k(k + 1) / (n* - k - 1), with n* the
     * values left after differencing and k the coefficients plus the variance.
     */
    static double aicc(ArimaModel model, int length) {
        ArimaSpec spec = model.spec();
        int nStar = length - spec.lost();
        int k = spec.coefficients() + 1;
        if (nStar - k - 1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double meanSquare = model.sigma2() * (nStar - spec.coefficients()) / (length - spec.conditioned());
        return nStar * Math.log(meanSquare) + 2.0 * k + 2.0 * k * (k + 1) / (nStar - k - 1);
    }
}

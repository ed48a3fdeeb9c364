package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differences and forms chosen against R's (forecast 8.20: ndiffs, nsdiffs, auto.arima with
 * method = "CSS") on the benchmark's real series, as scripts/export-benchmark-data recorded them
 * in data/benchmark/classical/arima_css.csv.
 */
class ArimaSelectionTest {
    private static final double[] NILE = RSeries.values("nile", "Nile");

    /** One row of arima_css.csv: R's choices on the rows before the test split. */
    private record RChoice(String table, String seriesId, int fittedRows, int season, Integer nsdiffs,
                           double strength, String form) {
        double[] fitted() {
            return Arrays.copyOf(RSeries.values(table, seriesId), fittedRows);
        }
    }

    private static List<RChoice> rChoices() {
        Path file = Path.of(System.getProperty("forecast.repo", "..")).resolve("data/benchmark/classical/arima_css.csv");
        try {
            List<String> lines = Files.readAllLines(file);
            List<RChoice> choices = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", 7);
                choices.add(new RChoice(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                        c[4].isEmpty() ? null : Integer.valueOf(c[4]), c[5].isEmpty() ? Double.NaN
                        : Double.parseDouble(c[5]), c[6]));
            }
            return choices;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKpssStatisticIsUrcas() {
        // ur.kpss(Nile, type = "mu", use.lag = trunc(3 * sqrt(100) / 13))@teststat, and of diff(Nile)
        assertEquals(1.315226463, Differencing.kpss(NILE), 1e-9);
        assertEquals(0.01962213155, Differencing.kpss(Differencing.difference(NILE, 1)), 1e-11);
    }

    @Test
    void plainDifferencesAreRsNdiffs() {
        // ndiffs(Nile[1:67]), ndiffs(LakeHuron[1:65]), ndiffs(diff(AirPassengers[1:96], lag = 12))
        assertEquals(1, Differencing.differences(Arrays.copyOf(NILE, 67)));
        assertEquals(1, Differencing.differences(Arrays.copyOf(RSeries.values("lakehuron", "LakeHuron"), 65)));
        assertEquals(1, Differencing.differences(Differencing.difference(
                Arrays.copyOf(RSeries.values("airpassengers", "AirPassengers"), 96), 12)));
        assertEquals(0, Differencing.differences(Differencing.difference(NILE, 1)));
    }

    @Test
    void seasonalDifferencesAreRsNsdiffsSaveForBorderlineSeasons() {
        List<String> disagreements = new ArrayList<>();
        int seasonal = 0;
        for (RChoice r : rChoices()) {
            if (r.nsdiffs() == null) {
                continue;
            }
            seasonal++;
            int ours = Differencing.seasonalDifferences(r.fitted(), r.season());
            if (ours != r.nsdiffs()) {
                disagreements.add(r.seriesId() + " (R's strength " + r.strength() + ", ours "
                        + Differencing.seasonalStrength(r.fitted(), r.season()) + ")");
                // STL and the moving-average decomposition differ by a few hundredths.
                assertTrue(Math.abs(r.strength() - Differencing.STRONG_SEASON) < 0.05, disagreements.toString());
            }
        }
        assertTrue(seasonal >= 70, "seasonal series: " + seasonal);
        assertTrue(disagreements.size() <= seasonal / 8, disagreements.size() + " of " + seasonal + ": " + disagreements);
    }

    /**
     * On the single series and the smaller panels, 52 series (all 101 but the three longest take 8 s:
     * 63 of 83 got R's form when measured before the held-out panels came; most others differ where R's
     * seasonal strength is borderline or the two optimisers stop in different places of a flat sum
     * of squares).
     */
    @Test
    void theStepwiseSearchChoosesRsFormsOnMostSeries() {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (RChoice r : rChoices()) {
            if (List.of("taylor", "sunspot_month", "eustockmarkets", "parity_prices", "usmacro", "regime_panel")
                    .contains(r.table())) {
                continue;
            }
            compared++;
            String ours = ArimaSelection.select(r.fitted(), r.season()).orElseThrow().model().spec().toString();
            if (!ours.equals(r.form())) {
                differ.add(r.seriesId() + ": R " + r.form() + ", ours " + ours);
            }
        }
        assertEquals(52, compared);
        // 49 of 52 when measured: JohnsonJohnson (a borderline season), LakeHuron (the drift) and VanKilled.
        assertTrue(differ.size() <= 3, differ.size() + " of " + compared + " differ: " + differ);
    }
}

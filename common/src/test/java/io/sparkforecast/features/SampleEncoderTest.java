package io.sparkforecast.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.ClassValues;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleEncoderTest {
    private static final MinMaxScaler UNIT = new MinMaxScaler(0, 1);

    @Test
    void withoutDifferencingFeaturesAreTheScaledLastValues() {
        SampleEncoder encoder = TestWindows.encoder(3, 2, 0);
        MinMaxScaler scaler = new MinMaxScaler(100, 200);
        double[] history = {90, 100, 150, 200};

        assertEquals(3, encoder.historyLength());
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, encoder.features(TestWindows.window(history, scaler)));
        assertArrayEquals(new float[] {1.5f, -0.1f}, encoder.target(history, new double[] {250, 90}, scaler));
    }

    @Test
    void differencingUsesTheValueOneLagEarlier() {
        SampleEncoder encoder = TestWindows.encoder(2, 1, 2);
        // y = 1, 4, 9, 16, 25: the last two x[t] = y[t] - y[t-2] are 16 - 4 and 25 - 9; target 36 - 16.
        double[] history = {1, 4, 9, 16, 25};

        assertEquals(4, encoder.historyLength());
        assertArrayEquals(new float[] {12f, 16f}, encoder.features(TestWindows.window(history, UNIT)));
        assertArrayEquals(new float[] {20f}, encoder.target(history, new double[] {36}, UNIT));
    }

    @Test
    void targetsBeyondTheLagDifferenceAgainstEarlierTargets() {
        SampleEncoder encoder = TestWindows.encoder(1, 3, 1);
        double[] history = {10, 12};
        // future 15, 19, 24: differences 15-12, 19-15, 24-19.
        assertArrayEquals(new float[] {3f, 4f, 5f}, encoder.target(history, new double[] {15, 19, 24}, UNIT));
    }

    @Test
    void decodeInvertsTargetEncoding() {
        SampleEncoder encoder = TestWindows.encoder(2, 3, 2);
        MinMaxScaler scaler = new MinMaxScaler(-5, 15);
        double[] history = {3, 7, 4, 9};
        double[] future = {11, 6, 20};

        float[] encoded = encoder.target(history, future, scaler);
        double[] decoded = encoder.decode(history, encoded, scaler);

        assertArrayEquals(future, decoded, 1e-4);
    }

    @Test
    void windowScalingIsRelativeToTheWindowsFirstValueAndDecodesBack() {
        SampleEncoder encoder = TestWindows.encoder(3, 2, 0).withScaling(ValueScaling.RELATIVE);
        MinMaxScaler unused = new MinMaxScaler(0, 1000);
        double[] history = {7, 100, 150, 50};
        double[] future = {200, 80};

        // p0 = 100, the first of the lookback values (7 is older than the window).
        assertArrayEquals(new float[] {0f, 0.5f, -0.5f}, encoder.features(TestWindows.window(history, unused)));
        float[] target = encoder.target(history, future, unused);
        assertArrayEquals(new float[] {1f, -0.2f}, target);
        assertArrayEquals(future, encoder.decode(history, target, unused), 1e-4);
        assertEquals(new AcceptedValues(0, true), encoder.acceptedValues());
    }

    @Test
    void robustScalingCentresOnTheWindowMedianInInterquartileUnits() {
        SampleEncoder encoder = TestWindows.encoder(5, 2, 0).withScaling(ValueScaling.ROBUST);
        // Lookback 10, 20, 30, 40, 50: median 30, IQR 40 - 20 = 20, scale 20 / 1.349.
        double[] history = {999, 10, 20, 30, 40, 50};
        double scale = 20 / 1.349;
        float[] features = encoder.features(TestWindows.window(history, UNIT));
        assertArrayEquals(new float[] {(float) (-20 / scale), (float) (-10 / scale), 0f, (float) (10 / scale),
            (float) (20 / scale)}, features, 1e-5f);
        double[] future = {60, 45};
        float[] target = encoder.target(history, future, UNIT);
        assertArrayEquals(new float[] {(float) (30 / scale), (float) (15 / scale)}, target, 1e-5f);
        assertArrayEquals(future, encoder.decode(history, target, UNIT), 1e-3);
    }

    @Test
    void everyPerWindowScalingRoundTripsAtAnyLevelAndWithDifferencing() {
        double[] history = {5e6, 5.1e6, 4.9e6, 5.3e6, 5.2e6, 5.6e6, 5.5e6};
        double[] future = {5.7e6, 5.4e6, 5.9e6};
        for (ValueScaling scaling : List.of(ValueScaling.STANDARD, ValueScaling.ROBUST, ValueScaling.MEAN_ABS)) {
            for (int lag : new int[] {0, 2}) {
                SampleEncoder encoder = TestWindows.encoder(4, 3, lag).withScaling(scaling);
                float[] target = encoder.target(history, future, UNIT);
                assertArrayEquals(future, encoder.decode(history, target, UNIT), 5.0, scaling + " lag " + lag);
            }
        }
    }

    @Test
    void constantWindowsFallBackToTheirLevelOrOneInsteadOfDividingByZero() {
        double[] flat = {7, 7, 7, 7};
        double[] zeros = {0, 0, 0, 0};
        for (ValueScaling scaling : List.of(ValueScaling.STANDARD, ValueScaling.ROBUST, ValueScaling.MEAN_ABS)) {
            SampleEncoder encoder = TestWindows.encoder(4, 1, 0).withScaling(scaling);
            for (double[] history : List.of(flat, zeros)) {
                float[] features = encoder.features(TestWindows.window(history, UNIT));
                float[] target = encoder.target(history, new double[] {9}, UNIT);
                for (float f : features) {
                    assertTrue(Float.isFinite(f), scaling + " " + Arrays.toString(history));
                }
                assertTrue(Float.isFinite(target[0]));
                assertEquals(9, encoder.decode(history, target, UNIT)[0], 1e-4);
            }
        }
        assertEquals(7, ValueScaling.STANDARD.windowScale(flat).scale());
        assertEquals(1, ValueScaling.ROBUST.windowScale(zeros).scale());
    }

    @Test
    void baselineResidualTargetsAreZeroWhenTheBaselineIsRightAndDecodeToIt() {
        // Season 4: seasonal naive forecasts 11, 12 for the next two steps (a season earlier).
        double[] history = {10, 11, 12, 13, 14, 15, 16, 17};
        SampleEncoder encoder = TestWindows.encoder(3, 2, 0).withScaling(ValueScaling.STANDARD)
                .withBaseline(NaiveForecast.SEASONAL_NAIVE, 4);
        assertEquals(4, encoder.windowLength(), "a season of history for the baseline");
        assertEquals(5, encoder.withBaseline(NaiveForecast.SEASONAL_NAIVE_DRIFT, 4).windowLength());
        assertEquals(3, encoder.withBaseline(NaiveForecast.PERSISTENCE, 4).windowLength(), "the lookback");
        assertArrayEquals(new float[] {0f, 0f}, encoder.target(history, new double[] {14, 15}, UNIT));
        // An untrained residual network outputs zeros: the forecast is the baseline itself.
        assertArrayEquals(new double[] {14, 15}, encoder.decode(history, new float[] {0f, 0f}, UNIT), 1e-9);

        SampleEncoder persistence = TestWindows.encoder(3, 2, 0).withScaling(ValueScaling.STANDARD)
                .withBaseline(NaiveForecast.PERSISTENCE, 1);
        double scale = ValueScaling.STANDARD.windowScale(new double[] {15, 16, 17}).scale();
        assertArrayEquals(new float[] {(float) (2 / scale), (float) (-1 / scale)},
                persistence.target(history, new double[] {19, 16}, UNIT), 1e-6f);
        assertArrayEquals(new double[] {17 + scale, 17 - scale},
                persistence.decode(history, new float[] {1f, -1f}, UNIT), 1e-9);

        // The drift reads the lookback's window only, whatever history the caller holds (score
        // passes the latest window, evaluate and prepare longer ones): 17 + h (17 - 15) / 2, not
        // the whole history's 17 + h (17 - 3) / 5.
        SampleEncoder drift = TestWindows.encoder(3, 2, 0).withScaling(ValueScaling.STANDARD)
                .withBaseline(NaiveForecast.DRIFT, 4);
        assertEquals(3, drift.windowLength(), "the lookback");
        double[] bent = {3, 9, 4, 15, 16, 17};
        assertArrayEquals(new double[] {18, 19}, drift.decode(bent, new float[] {0f, 0f}, UNIT), 1e-9);
        assertArrayEquals(new double[] {18, 19}, drift.decode(new double[] {15, 16, 17}, new float[] {0f, 0f}, UNIT),
                1e-9);
        assertArrayEquals(new float[] {0f, 0f}, drift.target(bent, new double[] {18, 19}, UNIT));
    }

    @Test
    void aBaselineNeedsAPerWindowScalingAndForecasting() {
        assertThrows(IllegalArgumentException.class,
                () -> TestWindows.encoder(3, 1, 0).withBaseline(NaiveForecast.PERSISTENCE, 1));
        assertThrows(IllegalArgumentException.class, () -> new SampleEncoder(3, 1, 0, List.of(), 0,
                Frequency.parse("P1D"), 4, null).withScaling(ValueScaling.ROBUST));
    }

    @Test
    void windowScalingRejectsDifferencingAndClassification() {
        assertThrows(IllegalArgumentException.class,
                () -> TestWindows.encoder(3, 1, 12).withScaling(ValueScaling.RELATIVE));
        assertThrows(IllegalArgumentException.class, () -> new SampleEncoder(3, 1, 0, List.of(), 0,
                Frequency.parse("P1D"), 4, null).withScaling(ValueScaling.RELATIVE));
    }

    @Test
    void classificationOneHotEncodesTheWindowAndLabelsTheValueAtTheLabelIndex() {
        SampleEncoder echo = new SampleEncoder(3, 1, 0, List.of(), 0, Frequency.parse("P1D"), 4, 1);
        double[] history = {9, 2, 0, 3};

        assertEquals(4, echo.inputs());
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1},
                echo.features(TestWindows.window(history, UNIT)));
        assertArrayEquals(new float[] {1, 0, 0, 0}, echo.target(history, new double[] {1}, UNIT));
        assertEquals(0, echo.label(history, new double[] {1}));
        assertEquals(-1, echo.labelStep(), "position 1 of 3 is one step before the window's last");

        SampleEncoder next = new SampleEncoder(3, 1, 0, List.of(), 0, Frequency.parse("P1D"), 4, null);
        assertArrayEquals(new float[] {0, 1, 0, 0}, next.target(history, new double[] {1}, UNIT));
        assertEquals(1, next.labelStep());
    }

    @Test
    void classificationRejectsValuesThatAreNotClasses() {
        SampleEncoder encoder = new SampleEncoder(2, 1, 0, List.of(), 0, Frequency.parse("P1D"), 4, null);
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> encoder.features(TestWindows.window(new double[] {1, 2.5}, UNIT)));
        assertEquals("value 2.5 is not a class 0..3", fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.target(new double[] {1, 2}, new double[] {4}, UNIT));
        assertThrows(IllegalArgumentException.class, () -> ClassValues.classOf(-1, 4));
    }

    @Test
    void calendarAndExtraInputsFollowTheValueAtEachStep() {
        SampleEncoder encoder = new SampleEncoder(2, 1, 0, List.of(CalendarFeature.MONTH_OF_YEAR), 1,
                Frequency.parse("P1M"));
        // Grid anchored 2020-01-01, window ending at step 11 (2020-12-01): steps of Nov and Dec.
        SeriesWindow window = new SeriesWindow(new double[] {5, 7}, new double[][] {{100, 300}},
                LocalDateTime.of(2020, 1, 1, 0, 0), 11, new SeriesScalers(new double[] {0, 100}, new double[] {10, 500}));

        assertEquals(3, encoder.inputs());
        assertArrayEquals(new float[] {0.5f, 10f / 11, 0f, 0.7f, 1f, 0.5f}, encoder.features(window), 1e-6f);
    }

    @Test
    void historyShorterThanNeededIsRejected() {
        SampleEncoder encoder = TestWindows.encoder(3, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> encoder.features(TestWindows.window(new double[] {1, 2, 3, 4}, UNIT)));
    }
}

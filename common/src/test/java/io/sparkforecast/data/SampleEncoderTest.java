package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleEncoderTest {
    private static final MinMaxScaler UNIT = new MinMaxScaler(0, 1);

    @Test
    void withoutDifferencingFeaturesAreTheScaledLastValues() {
        SampleEncoder encoder = new SampleEncoder(3, 2, 0);
        MinMaxScaler scaler = new MinMaxScaler(100, 200);
        double[] history = {90, 100, 150, 200};

        assertEquals(3, encoder.historyLength());
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, encoder.features(history, scaler));
        assertArrayEquals(new float[] {1.5f, -0.1f}, encoder.target(history, new double[] {250, 90}, scaler));
    }

    @Test
    void differencingUsesTheValueOneLagEarlier() {
        SampleEncoder encoder = new SampleEncoder(2, 1, 2);
        // y = 1, 4, 9, 16, 25: the last two x[t] = y[t] - y[t-2] are 16 - 4 and 25 - 9; target 36 - 16.
        double[] history = {1, 4, 9, 16, 25};

        assertEquals(4, encoder.historyLength());
        assertArrayEquals(new float[] {12f, 16f}, encoder.features(history, UNIT));
        assertArrayEquals(new float[] {20f}, encoder.target(history, new double[] {36}, UNIT));
    }

    @Test
    void targetsBeyondTheLagDifferenceAgainstEarlierTargets() {
        SampleEncoder encoder = new SampleEncoder(1, 3, 1);
        double[] history = {10, 12};
        // future 15, 19, 24: differences 15-12, 19-15, 24-19.
        assertArrayEquals(new float[] {3f, 4f, 5f}, encoder.target(history, new double[] {15, 19, 24}, UNIT));
    }

    @Test
    void decodeInvertsTargetEncoding() {
        SampleEncoder encoder = new SampleEncoder(2, 3, 2);
        MinMaxScaler scaler = new MinMaxScaler(-5, 15);
        double[] history = {3, 7, 4, 9};
        double[] future = {11, 6, 20};

        float[] encoded = encoder.target(history, future, scaler);
        double[] decoded = encoder.decode(history, encoded, scaler);

        assertArrayEquals(future, decoded, 1e-4);
    }

    @Test
    void historyShorterThanNeededIsRejected() {
        SampleEncoder encoder = new SampleEncoder(3, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> encoder.features(new double[] {1, 2, 3, 4}, UNIT));
    }
}

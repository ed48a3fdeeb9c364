package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.core.WindowLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkInputsTest {
    @Test
    void timeMajorSamplesBecomeBatchFeaturesTime() {
        // Two samples, 3 time steps, 2 features: sample[t * 2 + f].
        float[] first = {1, 10, 2, 20, 3, 30};
        float[] second = {4, 40, 5, 50, 6, 60};
        INDArray features = NetworkInputs.features(List.of(first, second), 3, 2, WindowLayout.TIME_STEPS);

        assertArrayEquals(new long[] {2, 2, 3}, features.shape());
        assertEquals(2f, features.getFloat(0, 0, 1));
        assertEquals(30f, features.getFloat(0, 1, 2));
        assertEquals(40f, features.getFloat(1, 1, 0));
    }

    @Test
    void windowAsFeaturesIsOneTimeStepOfAllTheWindowsValues() {
        float[] first = {1, 10, 2, 20, 3, 30};
        float[] second = {4, 40, 5, 50, 6, 60};
        INDArray features = NetworkInputs.features(List.of(first, second), 3, 2, WindowLayout.FEATURES);

        assertArrayEquals(new long[] {2, 6, 1}, features.shape());
        for (int f = 0; f < 6; f++) {
            assertEquals(first[f], features.getFloat(0, f, 0));
            assertEquals(second[f], features.getFloat(1, f, 0));
        }
    }

    @Test
    void targetsAreOneRowPerSample() {
        INDArray targets = NetworkInputs.targets(List.of(new float[] {1, 2}, new float[] {3, 4}));
        assertArrayEquals(new long[] {2, 2}, targets.shape());
        assertEquals(3f, targets.getFloat(1, 0));
    }
}

package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AveragingRoundsTest {
    @Test
    void automaticFrequencyAveragesAboutTwentyTimesAnEpochWithinItsBounds() {
        // 495,000 windows in batches of 128 on two workers: 1,934 batches each, ~20 rounds of 96
        assertEquals(96, DistributedTrainer.automaticAveragingFrequency(3869, 2, 128));
        // more data: capped at 12,800 samples per worker and round
        assertEquals(100, DistributedTrainer.automaticAveragingFrequency(40_000, 2, 128));
        assertEquals(1600, DistributedTrainer.automaticAveragingFrequency(1_000_000, 4, 8));
        // small data: at least 5 batches between averages
        assertEquals(5, DistributedTrainer.automaticAveragingFrequency(130, 2, 8));
        // batches larger than a round's samples: one batch
        assertEquals(1, DistributedTrainer.automaticAveragingFrequency(1000, 2, 20_000));
    }

    @Test
    void severalWorkersFitOneAveragingRoundPerCall() {
        assertEquals(200, DistributedTrainer.roundBatches(3869, 2, 100));
        assertEquals(10, DistributedTrainer.roundBatches(130, 2, 5));
    }

    @Test
    void aSingleWorkerFitsATenthOfTheEpochPerCallAndAtLeast64Batches() {
        assertEquals(387, DistributedTrainer.roundBatches(3869, 1, 1));
        assertEquals(64, DistributedTrainer.roundBatches(100, 1, 1));
    }
}

package io.sparkforecast.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScorePlotsTest {
    @Test
    void aSeriesMethodsAreNamedByRunsOfSteps() {
        assertEquals("model", ScorePlots.methods(List.of("model", "model", "model")));
        assertEquals("model 1-2, persistence 3-4", ScorePlots.methods(List.of("model", "model", "persistence",
                "persistence")));
        assertEquals("model 1, seasonal_naive 2, model 3", ScorePlots.methods(List.of("model", "seasonal_naive",
                "model")));
    }
}

package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingReportTest {
    private static List<EpochLoss> epochs(int count) {
        List<EpochLoss> history = new ArrayList<>();
        for (int epoch = 1; epoch <= count; epoch++) {
            history.add(new EpochLoss(epoch, 1.0 / epoch, 0.5 + Math.abs(epoch - 30) / 100.0, 0.5, 100));
        }
        return history;
    }

    @Test
    void theSummaryTableHoldsTheFirstThePublishedAndTheLastEpoch() {
        List<List<String>> rows = TrainingReport.milestones(epochs(50), 30);

        assertEquals(List.of("first", "published", "last"), rows.stream().map(row -> row.get(0)).toList());
        assertEquals(List.of("1", "30", "50"), rows.stream().map(row -> row.get(1)).toList());
        assertEquals("0.500000", rows.get(1).get(3), "the published epoch's validation loss");
    }

    @Test
    void epochsThatPlaySTwoRolesAreListedOnceAndTheUntrainedNetworkToo() {
        assertEquals(List.of(List.of("first, published, last")), TrainingReport.milestones(epochs(1), 1).stream()
                .map(row -> row.subList(0, 1)).toList());

        List<List<String>> untrained = TrainingReport.milestones(epochs(20), 0);
        assertEquals(List.of("published", "first", "last"), untrained.stream().map(row -> row.get(0)).toList());
        assertTrue(untrained.get(0).get(1).contains("untrained"));
    }
}

package io.sparkforecast.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.TuneSpec;
import io.sparkforecast.config.TuneMethod;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    private static final Map<String, List<String>> SPACE = Map.of(
            "training.learning_rate", List.of("0.01", "0.001"),
            "network.layers", List.of("[16]", "[32]", "[16, 16]"));

    @Test
    void aGridHasEveryCombinationOnceNumberedFromOne() {
        List<SearchSpace.Trial> trials = SearchSpace.trials(new TuneSpec(TuneMethod.GRID, 0, 1, 0, SPACE));

        assertEquals(6, trials.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), trials.stream().map(SearchSpace.Trial::number).toList());
        assertEquals(6, trials.stream().map(SearchSpace.Trial::settings).collect(Collectors.toSet()).size());
        assertEquals(List.of("network.layers=[16]", "training.learning_rate=0.01"), trials.get(0).overrides(),
                "keys in sorted order");
    }

    @Test
    void randomDrawsAreSeededAndComeFromTheSpace() {
        TuneSpec spec = new TuneSpec(TuneMethod.RANDOM, 5, 42, 0, SPACE);
        List<SearchSpace.Trial> trials = SearchSpace.trials(spec);

        assertEquals(5, trials.size());
        assertEquals(trials, SearchSpace.trials(spec), "the same seed draws the same trials");
        for (SearchSpace.Trial trial : trials) {
            assertEquals(Set.of("network.layers", "training.learning_rate"), trial.settings().keySet());
            trial.settings().forEach((key, value) -> assertTrue(SPACE.get(key).contains(value), key + "=" + value));
        }
    }

    @Test
    void anEmptySpaceIsAUsageError() {
        JobFailure failure = assertThrows(JobFailure.class,
                () -> SearchSpace.trials(new TuneSpec(TuneMethod.GRID, 0, 1, 0, Map.of())));
        assertEquals(ExitCode.USAGE, failure.exitCode());
    }
}

package io.sparkforecast.tune;

import io.sparkforecast.config.ForecastConfig.TuneSpec;
import io.sparkforecast.config.TuneMethod;
import io.sparkforecast.core.JobFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The trials of a search: every combination of the space (grid) or seeded random draws. */
public final class SearchSpace {
    private SearchSpace() {
    }

    /** One point of the space: config key -> value (HOCON text), in key order. */
    public record Trial(int number, Map<String, String> settings) implements java.io.Serializable {
        /** The settings as --set overrides. */
        public List<String> overrides() {
            return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    public static List<Trial> trials(TuneSpec spec) {
        if (spec.space().isEmpty()) {
            throw JobFailure.usage("tune.space is empty: give at least one config key and its values, e.g. "
                    + "tune.space { \"network.layers\" = [[25], [50]] }");
        }
        List<String> keys = spec.space().keySet().stream().sorted().toList();
        List<Map<String, String>> points = spec.method() == TuneMethod.GRID ? grid(spec.space(), keys)
                : random(spec.space(), keys, spec.trials(), spec.seed());
        List<Trial> trials = new ArrayList<>();
        for (Map<String, String> point : points) {
            trials.add(new Trial(trials.size() + 1, point));
        }
        return trials;
    }

    private static List<Map<String, String>> grid(Map<String, List<String>> space, List<String> keys) {
        List<Map<String, String>> points = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String key : keys) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> point : points) {
                for (String value : space.get(key)) {
                    Map<String, String> next = new LinkedHashMap<>(point);
                    next.put(key, value);
                    extended.add(next);
                }
            }
            points = extended;
        }
        return points;
    }

    private static List<Map<String, String>> random(Map<String, List<String>> space, List<String> keys, int trials,
                                                    long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> points = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, String> point = new LinkedHashMap<>();
            for (String key : keys) {
                List<String> values = space.get(key);
                point.put(key, values.get(random.nextInt(values.size())));
            }
            points.add(point);
        }
        return points;
    }
}

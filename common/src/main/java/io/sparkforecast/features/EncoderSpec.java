package io.sparkforecast.features;

import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.EncodingRules;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import java.io.Serializable;
import java.util.List;

/**
 * What a {@link SampleEncoder} encodes: the window (lookback, horizon, difference lag), the inputs
 * per step (calendar features, extra columns), the task (forecasting, or classes and the label's
 * position), the value scaling, how the network takes the window, a stateful network's history
 * and the baseline the targets are residuals of. The rules that bind them are stated here, once.
 *
 * @param labelIndex   classification: the window position whose value is the label, -1 for the value after it
 * @param stateHistory 0, or for a stateful network the most history steps a forecast walks
 * @param baseline     the naive forecast the targets are residuals of; null for none
 * @param season       the baseline's season length
 */
public record EncoderSpec(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar, int extras,
                          Frequency frequency, int classes, int labelIndex, ValueScaling scaling, WindowLayout layout,
                          int stateHistory, NaiveForecast baseline, int season) implements Serializable {
    public EncoderSpec {
        calendar = List.copyOf(calendar);
        if (!EncodingRules.scalingTakes(scaling, differenceLag, classes > 0)) {
            throw new IllegalArgumentException(scaling.code() + " scaling cannot take "
                    + (classes > 0 ? "classes" : "differences (lag " + differenceLag + ")"));
        }
        if (baseline != null && (!EncodingRules.baselineTakes(scaling) || season < 1)) {
            throw new IllegalArgumentException("a baseline needs a per-window scaling and a season >= 1");
        }
        if (stateHistory > 0 && !EncodingRules.statefulTakes(scaling, classes > 0, layout, stateHistory, lookback)) {
            throw new IllegalArgumentException("a stateful network walks MinMax-scaled forecasting inputs as time "
                    + "steps, at least lookback of them");
        }
    }

    /**
     * A MinMax-scaled encoder of time steps, without baseline or state.
     *
     * @param classes    0 for forecasting, else the number of classes (one-hot inputs and target)
     * @param labelIndex classification: the window position of the label, null = the value after it
     */
    public static EncoderSpec of(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar,
                                 int extras, Frequency frequency, int classes, Integer labelIndex) {
        return new EncoderSpec(lookback, horizon, differenceLag, calendar, extras, frequency, classes,
                labelIndex == null ? -1 : labelIndex, ValueScaling.MINMAX, WindowLayout.TIME_STEPS, 0, null, 1);
    }

    public EncoderSpec withScaling(ValueScaling valueScaling) {
        return builder().scaling(valueScaling).build();
    }

    public EncoderSpec withLayout(WindowLayout windowLayout) {
        return builder().layout(windowLayout).build();
    }

    public EncoderSpec withStateHistory(int steps) {
        return builder().stateHistory(steps).build();
    }

    public EncoderSpec withBaseline(NaiveForecast naive, int seasonLength) {
        return builder().baseline(naive, seasonLength).build();
    }

    public boolean classifies() {
        return classes > 0;
    }

    /** Raw values the network's inputs are made of: the lookback plus lag earlier values. */
    public int inputLength() {
        return lookback + differenceLag;
    }

    /** Raw values a window needs: the inputs' and at least what the baseline reads. */
    public int windowLength() {
        return baseline == null ? inputLength() : Math.max(inputLength(), baseline.historyLength(season));
    }

    private Builder builder() {
        return new Builder(this);
    }

    /** A copy of a spec with some parts changed; the rules checked when it is built. */
    private static final class Builder {
        private final EncoderSpec from;
        private ValueScaling scaling;
        private WindowLayout layout;
        private int stateHistory;
        private NaiveForecast baseline;
        private int season;

        Builder(EncoderSpec from) {
            this.from = from;
            this.scaling = from.scaling;
            this.layout = from.layout;
            this.stateHistory = from.stateHistory;
            this.baseline = from.baseline;
            this.season = from.season;
        }

        Builder scaling(ValueScaling value) {
            scaling = value;
            return this;
        }

        Builder layout(WindowLayout value) {
            layout = value;
            return this;
        }

        Builder stateHistory(int value) {
            stateHistory = value;
            return this;
        }

        Builder baseline(NaiveForecast naive, int seasonLength) {
            baseline = naive;
            season = seasonLength;
            return this;
        }

        EncoderSpec build() {
            return new EncoderSpec(from.lookback, from.horizon, from.differenceLag, from.calendar, from.extras,
                    from.frequency, from.classes, from.labelIndex, scaling, layout, stateHistory, baseline, season);
        }
    }
}

package io.sparkforecast.features;

import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.input.SeriesColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows samples are cut into, as prepare built them and a model was trained on.
 *
 * @param inputs       inputs per time step: the value, calendar features, extra columns
 * @param frequency    the spacing of the series' steps
 * @param calendar     calendar features, in input order
 * @param extraColumns the series table's extra feature columns, in input order
 * @param classes      0 for forecasting samples, else the classes of classification samples
 * @param labelIndex   classification: the window position of the label, null = the value after it
 */
public record SampleShape(int lookback, int horizon, int inputs, Frequency frequency, List<CalendarFeature> calendar,
                          List<String> extraColumns, int classes, Integer labelIndex) {

    /** Scaler feature names: "value", then the extra columns. */
    public List<String> scaledFeatures() {
        List<String> names = new ArrayList<>(List.of(SeriesColumns.VALUE));
        names.addAll(extraColumns);
        return names;
    }

    /** The encoder of these windows with {@code transform} (time-step layout, not stateful). */
    public SampleEncoder encoder(ValueTransform transform) {
        return new SampleEncoder(lookback, horizon, transform.differenceLag(), calendar, extraColumns.size(), frequency,
                classes, labelIndex).withScaling(transform.scaling())
                .withBaseline(transform.baseline(), transform.season());
    }
}

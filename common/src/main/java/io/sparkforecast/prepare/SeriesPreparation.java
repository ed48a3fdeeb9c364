package io.sparkforecast.prepare;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.input.RejectsTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.series.RegularSeries;
import io.sparkforecast.series.TimeSplit;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The settings prepare applies to every series, shipped to the executors: how a series is made
 * regular, how it is windowed and encoded, and how it is split.
 *
 * @param features the scaled features' names: "value", then the extra columns' names
 * @param trainShare the train share, as the no_train_rows detail quotes it
 */
public record SeriesPreparation(SampleEncoder encoder, TimeSplit split, GapPolicy gapPolicy, Frequency frequency,
                                List<String> features, double trainShare) implements Serializable {
    /** Rejected rows of {@link PreparedSeries#rejects()}, typed; cast to the rejects table's text columns when written. */
    public static final StructType SERIES_REJECTS = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(SeriesColumns.TS, DataTypes.TimestampNTZType, false)
            .add(SeriesColumns.VALUE, DataTypes.DoubleType, false)
            .add(RejectsTable.REASON, DataTypes.StringType, false)
            .add(RejectsTable.DETAIL, DataTypes.StringType, false);

    public SeriesPreparation {
        features = List.copyOf(features);
    }

    /** The same settings with another encoder (prepare's, once the baseline is chosen). */
    public SeriesPreparation withEncoder(SampleEncoder chosen) {
        return new SeriesPreparation(chosen, split, gapPolicy, frequency, features, trainShare);
    }

    public RegularSeries regular(SeriesRows rows) {
        return RegularSeries.of(rows, gapPolicy, frequency);
    }

    public PreparedSeries prepare(SeriesRows rows) {
        return new PreparedSeries(regular(rows), this);
    }

    /** Steps a part of a series needs for one sample: the window and the horizon after it. */
    public int sampleLength() {
        return encoder.windowLength() + encoder.horizon();
    }

    String noTrainRowsDetail() {
        return "no rows to fit a scaler on in the first " + trainShare + " of the series";
    }
}

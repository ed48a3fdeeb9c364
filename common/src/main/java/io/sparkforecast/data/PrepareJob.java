package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * prepare: series table -> windowed, split and scaled samples, the scalers and the rejected
 * rows. Everything is written to a staging directory and published by rename, so readers see
 * the previous complete output or the new one, never a mix.
 */
public final class PrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

    private final SparkSession spark;
    private final ForecastConfig config;

    public PrepareJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    public PreparedData run() {
        long started = System.nanoTime();
        ValidatedSeries series = SeriesLoader.load(spark, config.series());
        SampleEncoder encoder = new SampleEncoder(config.window().lookback(), config.window().horizon(),
                config.transform().differenceLag());
        TimeSplit split = new TimeSplit(config.split());

        Dataset<Row> positioned = SeriesWindows.withPositions(series.clean()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scalers = ScalerTable.fit(positioned, encoder.differenceLag(), split)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> samples = SamplesTable.build(positioned, scalers, encoder, split);

        Storage storage = Storage.of(spark);
        String target = config.output().prepared();
        PreparedLayout staging = new PreparedLayout(target + ".staging-" + UUID.randomUUID());
        samples.write().mode(SaveMode.Overwrite).partitionBy(SamplesTable.SPLIT).parquet(staging.samples());
        scalers.write().mode(SaveMode.Overwrite).parquet(staging.scalers());
        series.rejects().write().mode(SaveMode.Overwrite).parquet(staging.rejects());

        Dataset<Row> written = spark.read().parquet(staging.samples());
        Map<String, Long> samplesBySplit = new TreeMap<>();
        for (Row row : written.groupBy(SamplesTable.SPLIT).count().collectAsList()) {
            samplesBySplit.put(row.getString(0), row.getLong(1));
        }
        long seriesCount = positioned.select(SeriesColumns.SERIES_ID).distinct().count();
        long seriesWithSamples = written.select(col(SeriesColumns.SERIES_ID)).distinct().count();
        positioned.unpersist();
        scalers.unpersist();

        PreparedData prepared = new PreparedData(PreparedData.FORMAT_VERSION, Instant.now().toString(),
                storage.qualify(config.series().path()), series.inputFingerprint(),
                encoder.lookback(), encoder.horizon(), encoder.differenceLag(), 1,
                config.series().frequency().toString(), config.split().train(), config.split().validation(),
                series.inputRows(), series.usableRows(), series.rejectedByReason(),
                seriesCount, seriesWithSamples, samplesBySplit);
        if (prepared.samples(TimeSplit.TRAIN) == 0) {
            storage.delete(staging.root());
            throw JobFailure.invalidInput(
                    "no training samples: %d series, none with more than lookback + difference lag + horizon "
                            + "(%d) rows in its train part", seriesCount,
                    encoder.historyLength() + encoder.horizon());
        }
        storage.writeAtomically(staging.metadata(), Json.write(prepared));
        publish(storage, staging.root(), target);

        LOG.info("prepare: {} samples {} from {} of {} series; {} of {} input rows rejected; wrote {} in {} s",
                samplesBySplit.values().stream().mapToLong(Long::longValue).sum(), samplesBySplit,
                seriesWithSamples, seriesCount, series.rejectedRows(), series.inputRows(), target,
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        if (seriesWithSamples < seriesCount) {
            LOG.warn("prepare: {} series are too short for one sample ({} rows needed) and are not used",
                    seriesCount - seriesWithSamples, encoder.historyLength() + encoder.horizon());
        }
        return prepared;
    }

    /** Replaces {@code target} with the staged directory. */
    private static void publish(Storage storage, String staged, String target) {
        if (storage.exists(target)) {
            storage.delete(target);
        }
        storage.rename(staged, target);
    }
}

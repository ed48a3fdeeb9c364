package io.sparkforecast.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.SeriesFormat;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GeneratePartitioning;
import io.sparkforecast.core.GenerateSpec;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.SeriesFamily;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.ops.Job;
import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: writes a synthetic series table (series_id, ts, value) as partitioned Parquet at
 * series.path, deterministic for a seed whatever the parallelism: each series has its own
 * random stream.
 */
public final class GenerateJob implements Job<GenerateResult> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);
    public static final String DATE_PARTITION = "date";
    public static final String BUCKET_PARTITION = "bucket";
    private static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(SeriesColumns.TS, DataTypes.TimestampNTZType, false)
            .add(SeriesColumns.VALUE, DataTypes.DoubleType, false);

    private final SparkSession spark;
    private final ForecastConfig config;

    public GenerateJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would write, after checking the output location. */
    @Override
    public List<String> dryRun() {
        GenerateSpec spec = config.generate();
        return List.of(
                "output: " + Storage.of(spark).checkWritableDirectory(config.series().path()),
                String.format("would write %d series x %d steps = %d rows of %s from %s every %s, partitioned by %s",
                        spec.series(), spec.steps(), (long) spec.series() * spec.steps(), spec.family().code(),
                        spec.start(), config.series().frequency(), spec.partitionBy()));
    }

    @Override
    public GenerateResult run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.series().path());
        GenerateSpec spec = config.generate();
        if (config.series().format() != SeriesFormat.PARQUET) {
            throw JobFailure.usage("generate writes Parquet: set series.format = parquet (it is %s)",
                    config.series().format());
        }
        long started = System.nanoTime();
        int slices = Math.max(1, Math.min(spec.series(), spark.sparkContext().defaultParallelism() * 4));
        Dataset<Row> table = spark.range(0, spec.series(), 1, slices)
                .flatMap(seriesRows(spec, config.series().frequency()), Encoders.row(SCHEMA));

        String path = config.series().path();
        new Publisher(Storage.of(spark)).replace(path, staging -> {
            switch (spec.partitionBy()) {
                case NONE -> table.write().parquet(staging);
                case BUCKET -> {
                    Dataset<Row> bucketed = table.withColumn(BUCKET_PARTITION,
                            pmod(hash(col(SeriesColumns.SERIES_ID)), lit(spec.buckets())));
                    bucketed.repartition(col(BUCKET_PARTITION)).write().partitionBy(BUCKET_PARTITION).parquet(staging);
                }
                default -> {
                    Dataset<Row> dated = table.withColumn(DATE_PARTITION, datePartition(spec.partitionBy()));
                    dated.repartition(col(DATE_PARTITION)).write().partitionBy(DATE_PARTITION).parquet(staging);
                }
            }
        });
        long rows = (long) spec.series() * spec.steps();
        LOG.info("generate: {} series x {} steps = {} rows of {} at {} (partitioned by {}) in {} s", spec.series(),
                spec.steps(), rows, spec.family().code(), path, spec.partitionBy(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return new GenerateResult(spec.series(), spec.steps(), rows, path);
    }

    private static Column datePartition(GeneratePartitioning unit) {
        Column day = to_date(col(SeriesColumns.TS));
        return unit == GeneratePartitioning.DAY ? day : trunc(day, unit.code());
    }

    private static FlatMapFunction<Long, Row> seriesRows(GenerateSpec spec, Frequency frequency) {
        int width = String.valueOf(Math.max(1, spec.series() - 1)).length();
        return index -> {
            SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + index);
            SeriesFamily.SeriesGenerator generator = spec.family().generator(spec, random);
            String id = "s" + String.format("%0" + width + "d", index);
            List<Row> rows = new ArrayList<>(spec.steps());
            for (int t = 0; t < spec.steps(); t++) {
                rows.add(RowFactory.create(id, frequency.plus(spec.start(), t), generator.valueAt(t)));
            }
            return rows.iterator();
        };
    }
}

package io.sparkforecast.model;

import io.sparkforecast.features.SampleShape;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.Storage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry as a table for data engineers: one row per published model version of
 * every model name under the models directory, from the versions' model.json files (the source
 * of truth) each time a version is published: a Parquet table is rebuilt and swapped in whole;
 * an Iceberg table gets the rows of the versions it lacks, appended in one commit.
 */
public final class RegistryTable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTable.class);
    public static final StructType SCHEMA = new StructType()
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("created_at", DataTypes.TimestampNTZType, false)
            .add("code_version", DataTypes.StringType, true)
            .add("location", DataTypes.StringType, false)
            .add("model_zip_sha256", DataTypes.StringType, false)
            .add("input_path", DataTypes.StringType, true)
            .add("input_fingerprint", DataTypes.StringType, true)
            .add("parameters", DataTypes.LongType, false)
            .add("lookback", DataTypes.IntegerType, false)
            .add("horizon", DataTypes.IntegerType, false)
            .add("inputs", DataTypes.IntegerType, false)
            .add("frequency", DataTypes.StringType, false)
            .add("series", DataTypes.LongType, false)
            .add("train_samples", DataTypes.LongType, false)
            .add("epochs", DataTypes.IntegerType, false)
            .add("final_train_loss", DataTypes.DoubleType, true)
            .add("final_validation_loss", DataTypes.DoubleType, true)
            .add("best_epoch", DataTypes.IntegerType, false)
            .add("best_validation_loss", DataTypes.DoubleType, true)
            .add("config", DataTypes.StringType, false);

    private RegistryTable() {
    }

    /** Rebuilds the table at {@code path} from every version under {@code modelsDir}; returns its row count. */
    public static long refresh(SparkSession spark, OutputTables tables, String modelsDir, String path) {
        Storage storage = Storage.of(spark);
        List<Row> rows = new ArrayList<>();
        for (String name : storage.listDirectoryNames(modelsDir)) {
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            ModelRegistry registry = new ModelRegistry(storage, modelsDir, name);
            for (String version : registry.versions()) {
                rows.add(row(registry.metadata(version), modelsDir + "/" + name + "/" + version));
            }
        }
        tables.replaceOrAddNew(rows, SCHEMA, path, "model_name", "model_version");
        return rows.size();
    }

    /**
     * Refreshes the table where it does not list a model version that jobs use: a train killed
     * between publishing the version and refreshing the table left it out (model.json is the
     * source of truth), and the documented join of predictions with the registry would find no
     * row for it.
     */
    public static void ensureListed(SparkSession spark, OutputTables tables, String modelsDir, String path,
                                    String modelName, String modelVersion) {
        if (!tables.holds(path, Map.of("model_name", modelName, "model_version", modelVersion))) {
            long versions = refresh(spark, tables, modelsDir, path);
            LOG.warn("registry table {} did not list model {} version {} (a train stopped before refreshing it): "
                    + "refreshed from {}, {} versions", tables.describe(path), modelName, modelVersion, modelsDir,
                    versions);
        }
    }

    private static Row row(ModelMetadata model, String location) {
        List<ModelMetadata.EpochLoss> history = model.training().lossHistory();
        ModelMetadata.EpochLoss last = history.isEmpty() ? null : history.get(history.size() - 1);
        ModelMetadata.EpochLoss published = model.training().published();
        long series = model.scalers().stream().map(ModelMetadata.Scaler::seriesId).distinct().count();
        ModelMetadata.Identity identity = model.identity();
        SampleShape shape = model.shape().samples();
        return RowFactory.create(identity.modelName(), identity.modelVersion(),
                LocalDateTime.ofInstant(Instant.parse(identity.createdAt()), ZoneOffset.UTC), identity.codeVersion(),
                location, identity.modelZipSha256(), model.trainedOn().inputPath(),
                model.trainedOn().inputFingerprint(),
                model.network().parameters(), shape.lookback(), shape.horizon(), shape.inputs(),
                shape.frequency().toString(), series, model.training().trainSamples(), history.size(),
                last == null ? null : last.trainLoss(), last == null ? null : last.validationLoss(),
                model.training().bestEpoch(), published == null ? null : published.validationLoss(),
                Json.write(model.config()));
    }
}

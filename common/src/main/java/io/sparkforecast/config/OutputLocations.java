package io.sparkforecast.config;

import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.TableFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs' locations must lie apart: each job replaces its outputs whole, so an output equal
 * to, inside or around the series table or another output deletes it (output.prepared =
 * series.path replaced the input table; output.models inside output.prepared let the next
 * prepare delete every model version; output.tuning = output.dir left only the tuning files).
 * Checked when the config loads, before any job runs or a dry run calls them writable.
 * output.work is not among them: scratch space whose subdirectories the jobs own (train's
 * batches and checkpoints by model name, tune's trials with their own outputs).
 */
final class OutputLocations {
    private OutputLocations() {
    }

    /** @param seriesPath series.path, or null where no job reads a table */
    static void checkApart(String seriesPath, ForecastConfig.OutputPaths output) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(outputs(output).entrySet());
        if (seriesPath != null) {
            for (Map.Entry<String, String> out : entries) {
                if (overlap(seriesPath, out.getValue())) {
                    throw JobFailure.usage("%s = %s overlaps series.path = %s: the job writing it would replace the "
                            + "series table (or be replaced with it); choose a location apart from the input",
                            out.getKey(), out.getValue(), seriesPath);
                }
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (overlap(entries.get(i).getValue(), entries.get(j).getValue())) {
                    throw JobFailure.usage("%s = %s and %s = %s overlap: each is replaced whole by the job that writes "
                            + "it, deleting the other; give each its own location", entries.get(i).getKey(),
                            entries.get(i).getValue(), entries.get(j).getKey(), entries.get(j).getValue());
                }
            }
        }
    }

    /**
     * With Iceberg, each table is named by its output path's last name: that name must be a
     * plain name, as model_name and the namespace are.
     */
    static void checkTableNames(ForecastConfig.OutputPaths output) {
        if (output.tableFormat() != TableFormat.ICEBERG) {
            return;
        }
        Map<String, String> tables = new LinkedHashMap<>(outputs(output));
        tables.keySet().retainAll(List.of("output.registry", "output.predictions", "output.metrics",
                "output.intervals", "output.fallback", "output.confusion"));
        for (Map.Entry<String, String> table : tables.entrySet()) {
            String name = table.getValue().replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            if (!ConfigReader.isName(name)) {
                throw JobFailure.usage("%s = %s: with output.table_format = iceberg its last name '%s' names the "
                        + "table and must be a plain name (letters, digits, '_', '-' and '.', starting with a letter "
                        + "or digit)", table.getKey(), table.getValue(), name);
            }
        }
    }

    /** The outputs that must lie apart, keyed by their settings. */
    static Map<String, String> outputs(ForecastConfig.OutputPaths output) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("output.prepared", output.prepared());
        outputs.put("output.models", output.models());
        outputs.put("output.registry", output.registry());
        outputs.put("output.predictions", output.predictions());
        outputs.put("output.metrics", output.metrics());
        outputs.put("output.intervals", output.intervals());
        outputs.put("output.fallback", output.fallback());
        outputs.put("output.confusion", output.confusion());
        outputs.put("output.tuning", output.tuning());
        outputs.put("output.summaries", output.summaries());
        outputs.put("output.reports", output.reports());
        if (output.tableFormat() == TableFormat.ICEBERG) {
            outputs.put("output.iceberg.warehouse", output.iceberg().warehouse());
        }
        return outputs;
    }

    /** Whether one location is the other or lies inside it. */
    static boolean overlap(String a, String b) {
        String first = normal(a);
        String second = normal(b);
        return first.equals(second) || first.startsWith(second + "/") || second.startsWith(first + "/");
    }

    /** A location as a comparable string: local paths absolute and normalised, URIs normalised. */
    private static String normal(String location) {
        String normal;
        if (location.startsWith("file:") || !location.contains("://")) {
            String path = location.replaceFirst("^file:(//)?", "");
            normal = Path.of(path).toAbsolutePath().normalize().toString();
        } else {
            try {
                normal = new URI(location).normalize().toString();
            } catch (URISyntaxException e) {
                normal = location;
            }
            // As Hadoop's Path reads it: repeated slashes after the authority are one.
            normal = normal.replaceAll("(?<!:)//+", "/");
        }
        return normal.replaceAll("/+$", "");
    }
}

package io.sparkforecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * model.json of format 1 (flat) rewritten as format 2, so versions published before the
 * regrouping stay loadable and listed in the registry. Keys format 1 files could lack get the
 * values those files implied: minmax scaling, time-step windows, season 1.
 */
final class ModelJsonUpgrade {
    private ModelJsonUpgrade() {
    }

    static JsonNode toCurrent(JsonNode json) {
        if (json.path("format_version").asInt() != 1) {
            return json;
        }
        ObjectNode v1 = (ObjectNode) json;
        ObjectNode v2 = v1.objectNode();
        v2.put("format_version", 2);
        v2.set("identity", move(v1, v1.objectNode(), "model_name", "model_version", "created_at", "code_version",
                "model_zip_sha256"));
        v2.set("network", move(v1, v1.objectNode(), "parameters", "summary", "layers"));
        ObjectNode shape = (ObjectNode) v1.path("shape");
        ObjectNode samples = move(shape, v1.objectNode(), "lookback", "horizon", "inputs", "frequency", "calendar",
                "extra_columns", "classes", "label_index");
        ObjectNode transform = move(shape, v1.objectNode(), "difference_lag", "scaling", "baseline", "season");
        orDefault(transform, "scaling", "minmax");
        if (transform.path("season").isNull() || transform.path("season").isMissingNode()) {
            transform.put("season", 1);
        }
        ObjectNode split = v1.objectNode();
        split.set("train", shape.path("train_share"));
        split.set("validation", shape.path("validation_share"));
        ObjectNode newShape = v1.objectNode();
        newShape.set("samples", samples);
        newShape.set("transform", transform);
        newShape.set("split", split);
        newShape.set("window_as", shape.path("window_as"));
        orDefault(newShape, "window_as", "time_steps");
        newShape.set("state_history", shape.path("state_history"));
        v2.set("shape", newShape);
        v2.set("trained_on", move(v1, v1.objectNode(), "input_path", "input_fingerprint", "scalers"));
        v2.set("training", v1.path("training"));
        v2.set("config", v1.path("config"));
        return v2;
    }

    private static ObjectNode move(JsonNode from, ObjectNode to, String... keys) {
        for (String key : keys) {
            to.set(key, from.path(key).isMissingNode() ? to.nullNode() : from.path(key));
        }
        return to;
    }

    private static void orDefault(ObjectNode node, String key, String value) {
        if (node.path(key).isNull() || node.path(key).isMissingNode()) {
            node.put(key, value);
        }
    }
}

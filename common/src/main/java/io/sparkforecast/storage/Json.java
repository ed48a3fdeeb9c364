package io.sparkforecast.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkforecast.core.JobFailure;
import java.io.UncheckedIOException;

/** JSON for the small metadata files (prepare.json, model.json): snake_case keys; times are ISO text. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code json} as {@code type} when its format_version is {@code version}; otherwise a failure
     * naming the file, both versions and {@code remedy}.
     */
    public static <T> T readVersion(String json, Class<T> type, int version, String file, String remedy) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            int found = tree.path("format_version").asInt(-1);
            if (found != version) {
                throw JobFailure.usage("%s has format version %d; this build reads version %d: %s", file, found,
                        version, remedy);
            }
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

package io.sparkforecast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.sparkforecast.core.JobFailure;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Typed reads of a resolved config; every failure names the full key and the bad value. */
final class ConfigReader {
    static final String AUTO = "auto";
    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    String string(String key) {
        String value = read(key, config::getString);
        if (value.isBlank()) {
            throw JobFailure.usage("config key %s must not be empty", key);
        }
        return value;
    }

    /**
     * A name that becomes a directory or table name (model_name, an Iceberg namespace): letters,
     * digits, '_', '-' and '.', starting with a letter or digit, no "..": never a path that
     * climbs out of its parent (Hadoop's Path resolves "..", and train deletes
     * work/batches/&lt;model_name&gt;).
     */
    String name(String key) {
        String value = string(key);
        if (!isName(value)) {
            throw JobFailure.usage("config key %s: '%s' is not a name: use letters, digits, '_', '-' and '.', "
                    + "starting with a letter or digit, without '..'", key, value);
        }
        return value;
    }

    /** Whether {@code value} is a plain name (see {@link #name}). */
    static boolean isName(String value) {
        return value.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && !value.contains("..");
    }

    /** An integer in [min, max], also when written as a decimal number (1e20 is refused, not clamped). */
    long longIn(String key, long min, long max) {
        Number number = read(key, config::getNumber);
        double value = number.doubleValue();
        if (!(value >= min && value <= max) || value != Math.rint(value)) {
            throw JobFailure.usage("config key %s: %s is not a whole number in [%d, %d]", key, number, min, max);
        }
        return number.longValue();
    }

    String optionalString(String key) {
        return config.getIsNull(key) ? null : string(key);
    }

    String requiredString(String key) {
        if (config.getIsNull(key)) {
            throw JobFailure.usage("config key %s is required (set it in the config file or with --set %s=...)",
                    key, key);
        }
        return string(key);
    }

    /** An option whose values are the lower-case names of {@code type}'s constants. */
    <E extends Enum<E>> E option(String key, Class<E> type) {
        return Enum.valueOf(type, oneOf(key, names(type)).toUpperCase(Locale.ROOT));
    }

    private static <E extends Enum<E>> Set<String> names(Class<E> type) {
        Set<String> names = new java.util.TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    String oneOf(String key, Set<String> allowed) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw JobFailure.usage("config key %s: '%s' is not one of %s", key, value, allowed);
        }
        return value;
    }

    int intIn(String key, int min, int max) {
        int value = intAtLeast(key, min);
        if (value > max) {
            throw JobFailure.usage("config key %s: %d is above the maximum %d", key, value, max);
        }
        return value;
    }

    int intAtLeast(String key, int min) {
        int value = read(key, config::getInt);
        if (value < min) {
            throw JobFailure.usage("config key %s: %d is below the minimum %d", key, value, min);
        }
        return value;
    }

    /** An integer of at least min, or null for the text "auto" (a value the job derives from the data). */
    Integer autoOrIntAtLeast(String key, int min) {
        if (config.getValue(key).unwrapped() instanceof String text && text.trim().equalsIgnoreCase(AUTO)) {
            return null;
        }
        return intAtLeast(key, min);
    }

    Integer optionalInt(String key) {
        return config.getIsNull(key) ? null : read(key, config::getInt);
    }

    Config config(String key) {
        return read(key, config::getConfig);
    }

    boolean bool(String key) {
        return read(key, config::getBoolean);
    }

    long longValue(String key) {
        return read(key, config::getLong);
    }

    double doubleIn(String key, double min, double max) {
        double value = read(key, config::getDouble);
        if (!(value >= min && value <= max)) {
            throw JobFailure.usage("config key %s: %s is outside [%s, %s]", key, value, min, max);
        }
        return value;
    }

    double positiveDouble(String key) {
        double value = read(key, config::getDouble);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw JobFailure.usage("config key %s: %s must be a positive number", key, value);
        }
        return value;
    }

    List<Integer> positiveIntList(String key) {
        List<Integer> values = read(key, config::getIntList);
        if (values.isEmpty() || values.stream().anyMatch(v -> v < 1)) {
            throw JobFailure.usage("config key %s: %s must be a non-empty list of positive integers",
                    key, values);
        }
        return List.copyOf(values);
    }

    /** A list of options, each the lower-case name of one of {@code type}'s constants, none twice. */
    <E extends Enum<E>> List<E> options(String key, Class<E> type) {
        List<E> options = stringList(key, names(type)).stream()
                .map(value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT))).toList();
        if (new java.util.HashSet<>(options).size() < options.size()) {
            throw JobFailure.usage("config key %s: %s names an option twice", key, options);
        }
        return options;
    }

    /** A list of strings, each one of {@code allowed} unless that is null. */
    List<String> stringList(String key, Set<String> allowed) {
        List<String> values = read(key, config::getStringList);
        for (String value : values) {
            if (allowed != null && !allowed.contains(value.toLowerCase(Locale.ROOT))) {
                throw JobFailure.usage("config key %s: '%s' is not one of %s", key, value, allowed);
            }
            if (value.isBlank()) {
                throw JobFailure.usage("config key %s: empty entry in %s", key, values);
            }
        }
        return List.copyOf(values);
    }

    LocalDateTime requiredDateTime(String key) {
        requiredString(key);
        return optionalDateTime(key);
    }

    LocalDate optionalDate(String key) {
        String text = optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw JobFailure.usage("config key %s: '%s' is not a date (yyyy-MM-dd)", key, text);
        }
    }

    /** A date (start of day) or a timestamp such as 1960-11-01T00:00:00; null when unset. */
    LocalDateTime optionalDateTime(String key) {
        String text = optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw JobFailure.usage("config key %s: '%s' is not a date (yyyy-MM-dd) or timestamp "
                    + "(yyyy-MM-ddTHH:mm:ss)", key, text);
        }
    }

    /**
     * An exclusive upper time bound from an inclusive date or timestamp: a date keeps its
     * whole day (bound = next midnight); a timestamp keeps itself (bound = one microsecond later).
     */
    LocalDateTime optionalCutoff(String key) {
        String text = optionalString(key);
        LocalDateTime time = optionalDateTime(key);
        if (time == null) {
            return null;
        }
        return text.length() <= 10 ? time.plusDays(1) : time.plusNanos(1_000);
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> values = new TreeMap<>();
        Config section = read(key, config::getConfig);
        section.root().forEach((name, value) -> values.put(name, String.valueOf(value.unwrapped())));
        return values;
    }

    private <T> T read(String key, Function<String, T> getter) {
        try {
            return getter.apply(key);
        } catch (ConfigException.Missing e) {
            throw JobFailure.usage("config key %s is missing", key);
        } catch (ConfigException.WrongType e) {
            throw JobFailure.usage("config key %s: %s", key, describe(e));
        }
    }

    private static String describe(ConfigException e) {
        String message = e.getMessage();
        int colon = message.lastIndexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}

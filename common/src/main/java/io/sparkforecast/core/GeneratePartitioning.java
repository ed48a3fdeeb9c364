package io.sparkforecast.core;

import java.util.Locale;

/** generate.partition_by: how the generated table is partitioned. */
public enum GeneratePartitioning {
    NONE,
    DAY,
    MONTH,
    YEAR,
    BUCKET;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}

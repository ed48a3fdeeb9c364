package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.Checksums;
import io.sparkforecast.prepare.PreparedData;
import java.nio.charset.StandardCharsets;

/**
 * What a checkpoint must match to be resumed: the prepared data and every setting that shapes
 * training (not the epoch count, which a resumed run may raise).
 */
public final class TrainingFingerprint {
    private TrainingFingerprint() {
    }

    public static String of(PreparedData prepared, ForecastConfig config) {
        ForecastConfig.TrainingSpec t = config.training();
        String settings = String.join("|", prepared.source().inputFingerprint(), prepared.createdAt(),
                config.network().toString(), Integer.toString(t.batchSize()), Double.toString(t.learningRate()),
                t.optimizer().name(), Long.toString(t.seed()), Double.toString(t.gradientClipping()),
                Integer.toString(t.averagingFrequency()), Integer.toString(t.workers()),
                Integer.toString(t.earlyStoppingPatience()));
        return Checksums.sha256(settings.getBytes(StandardCharsets.UTF_8));
    }
}

package io.sparkforecast.storage;

import io.sparkforecast.core.JobFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a Spark failure caused by an input file that cannot be decoded (a corrupt Parquet
 * page or footer) and turns it into one line naming the file, an input error (exit 3).
 */
public final class UnreadableInput {
    /**
     * Spark's, Parquet's and Hadoop's wordings: "Encountered error while reading file X", "in file X",
     * "footer for file X", "Checksum error: X at".
     */
    private static final Pattern FILE = Pattern.compile(
            "(?:reading file|in file|for file|Checksum error:) (\\S+?)(?:[.,:;]?(?:\\s|$))");

    private UnreadableInput() {
    }

    public static Optional<JobFailure> from(Throwable failure) {
        String file = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (file == null && t.getMessage() != null) {
                Matcher matcher = FILE.matcher(t.getMessage());
                if (matcher.find()) {
                    file = matcher.group(1);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (file == null) {
            return Optional.empty();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage().lines().findFirst().orElse("");
        return Optional.of(JobFailure.invalidInput("cannot read input file %s: %s", file, reason));
    }
}

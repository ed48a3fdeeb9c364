package io.sparkforecast.report;

import io.sparkforecast.storage.Storage;
import java.awt.AWTError;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports accompany a job's real output (a model, a metrics table) and must not cost it: when
 * a driver cannot render charts (a JDK without its AWT libraries or any font), the job logs why
 * and goes on without the report.
 */
public final class OptionalReport {
    private static final Logger LOG = LoggerFactory.getLogger(OptionalReport.class);

    private OptionalReport() {
    }

    /**
     * Renders a report and publishes it as directory {@code dir} (see ReportDirectory), replacing
     * a previous one; when rendering fails, removes any previous report there (it would describe
     * another run) and returns null.
     */
    public static String publish(Storage storage, String dir, Supplier<Map<String, byte[]>> files) {
        Map<String, byte[]> rendered = render("report " + dir, files);
        if (rendered.isEmpty()) {
            storage.delete(dir);
            return null;
        }
        ReportDirectory.replace(storage, dir, rendered);
        return dir;
    }

    /** The report's files, or none when rendering fails. */
    public static Map<String, byte[]> render(String what, Supplier<Map<String, byte[]>> files) {
        try {
            return files.get();
        } catch (RuntimeException | LinkageError | AWTError e) {
            LOG.warn("{}: not written, rendering failed: {}", what, e.toString(), e);
            return Map.of();
        }
    }
}

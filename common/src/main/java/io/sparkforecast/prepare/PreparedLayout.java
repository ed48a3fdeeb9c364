package io.sparkforecast.prepare;

import io.sparkforecast.core.JobFailure;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;

/** The files under prepare's output directory. */
public record PreparedLayout(String root) {
    public String samples() {
        return root + "/samples";
    }

    public String scalers() {
        return root + "/scalers";
    }

    public String rejects() {
        return root + "/rejects";
    }

    public String gaps() {
        return root + "/gaps";
    }

    /** Written last: prepared data without it is incomplete. */
    public String metadata() {
        return root + "/prepare.json";
    }

    /** The metadata of complete prepared data; a usage error when prepare has not finished here. */
    public PreparedData readMetadata(Storage storage) {
        if (!storage.exists(metadata())) {
            throw JobFailure.usage("no prepared data at %s (missing %s): run prepare first", root, metadata());
        }
        return Json.readVersion(storage.readString(metadata()), PreparedData.class, PreparedData.FORMAT_VERSION,
                metadata(), "run prepare again with this build");
    }

    /**
     * Fails where another prepare published here since {@code read} was read: what was read after
     * it (samples, scalers) may then come from two prepares. An Airflow backfill runs a prepare and
     * a train of the same model at once.
     */
    public void checkUnchanged(Storage storage, PreparedData read, String reader) {
        PreparedData now = storage.exists(metadata()) ? readMetadata(storage) : null;
        if (now == null || !now.createdAt().equals(read.createdAt())) {
            throw JobFailure.invalidInput("the prepared data at %s was replaced while %s read it (prepared at %s, now "
                    + "%s): its samples and scalers may come from different prepares; run %s again", root, reader,
                    read.createdAt(), now == null ? "none" : "prepared at " + now.createdAt(), reader);
        }
    }
}

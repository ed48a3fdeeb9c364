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
}

package io.sparkforecast.data;

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

    /** Written last: prepared data without it is incomplete. */
    public String metadata() {
        return root + "/prepare.json";
    }
}

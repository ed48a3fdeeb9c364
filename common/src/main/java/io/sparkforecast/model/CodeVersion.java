package io.sparkforecast.model;

/** The product version recorded in artifacts: the application jar's Implementation-Version. */
public final class CodeVersion {
    private CodeVersion() {
    }

    public static String current() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}

package io.sparkforecast.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 as lower-case hex: model.zip checksums and the fingerprints of inputs and settings. */
public final class Checksums {
    private Checksums() {
    }

    public static String sha256(byte[] content) {
        return hex(sha256Digest().digest(content));
    }

    /** A digest to update piece by piece; {@link #hex} of its result. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}

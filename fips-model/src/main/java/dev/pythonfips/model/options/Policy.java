package dev.pythonfips.model.options;

import java.util.List;
import java.util.Optional;

/** {@code <policy>}: which providers the image's OpenSSL configuration loads. */
public enum Policy implements Choice {
    /** only the FIPS and base providers: non-approved algorithms refused even with usedforsecurity=False */
    STRICT("strict"),
    /** the default provider too, FIPS stays the default: non-approved digests only with usedforsecurity=False */
    ALLOW_NON_SECURITY("allow-non-security");

    private final String value;

    Policy(String value) {
        this.value = value;
    }

    /** As written in the pom, the manifest and the labels. */
    public String value() {
        return value;
    }

    public static Optional<Policy> parse(String text) {
        return Choice.parse(values(), text);
    }

    /** True when the image's configuration activates OpenSSL's default provider beside fips and base. */
    public boolean defaultProvider() {
        return this == ALLOW_NON_SECURITY;
    }

    /** The providers the image's configuration activates (openssl.cnf; manifest.json {@code opensslProviders}). */
    public List<String> providers() {
        return defaultProvider() ? List.of("base", "default", "fips") : List.of("base", "fips");
    }

    @Override
    public String toString() {
        return value;
    }
}

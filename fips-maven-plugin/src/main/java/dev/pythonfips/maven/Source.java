package dev.pythonfips.maven;

/** {@code <sources><source>}: pins the SHA-256 of a tarball the catalog does not know. */
public class Source {
    /** python, openssl or fips-module. */
    String component;
    String version;
    String sha256;
    /** Optional upstream file name (default: the conventional one). */
    String file;
    /** Optional upstream URL (default: the conventional one). */
    String url;
}

package dev.pythonfips.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <matrix>}: every {@code <python>} × {@code <distro>}, with one OpenSSL library and one FIPS module. */
public class Matrix {
    /** Python releases, e.g. 3.11.9. */
    List<String> pythons = new ArrayList<>();
    /** Distro ids: rocky9, wolfi, debian12, debian13. */
    List<String> distros = new ArrayList<>();
    /** The OpenSSL library (libcrypto/libssl) release. */
    String openssl;
    /** The FIPS module release: an OpenSSL 3 provider (3.x) or the FIPS Object Module (2.0.x). */
    String fipsProvider;
    /** Platforms (os/arch); default linux/amd64. */
    List<String> platforms = new ArrayList<>();
}

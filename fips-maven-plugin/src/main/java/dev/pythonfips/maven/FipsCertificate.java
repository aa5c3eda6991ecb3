package dev.pythonfips.maven;

/**
 * {@code <fipsCertificates><fipsCertificate>}: the CMVP certificate of an OpenSSL 3 FIPS provider version the release
 * catalog does not record (e.g. validated after this release of python-fips). The provider then counts as validated,
 * and the image says the certificate is user-declared.
 */
public class FipsCertificate {
    /** The FIPS provider version it covers, e.g. 3.5.4. */
    String module;
    /** The CMVP certificate number, e.g. 5102. */
    String number;
    /** FIPS 140-2 or FIPS 140-3. */
    String standard;
    /** ISO date the certificate moves to the historical list, e.g. 2030-10-09. */
    String sunset;
    /** https URL of the certificate page. */
    String url;
}
